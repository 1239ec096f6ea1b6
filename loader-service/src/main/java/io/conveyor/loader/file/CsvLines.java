package io.conveyor.loader.file;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * CSV as RFC 4180 has it: a header line of field names, comma separators, CRLF line ends, and
 * fields holding a comma, a double quote, CR or LF quoted with inner quotes doubled. A null is an
 * empty field, an empty string a quoted one ({@code ""}); other values as {@link AvroValues#text}.
 */
final class CsvLines implements TextFormat.Lines {

    private static final String LINE_END = "\r\n";

    @Override
    public boolean hasHeader() {
        return true;
    }

    @Override
    public String header(Schema schema) {
        List<String> names = new ArrayList<>();
        schema.getFields().forEach(field -> names.add(quoted(field.name())));
        return String.join(",", names) + LINE_END;
    }

    @Override
    public String line(GenericRecord record) {
        StringBuilder line = new StringBuilder();
        for (Schema.Field field : record.getSchema().getFields()) {
            if (field.pos() > 0) {
                line.append(',');
            }
            String text = AvroValues.text(record.get(field.pos()), field.schema());
            if (text != null) {
                line.append(text.isEmpty() ? "\"\"" : quoted(text));
            }
        }
        return line.append(LINE_END).toString();
    }

    private static String quoted(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\r') < 0 && text.indexOf('\n') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
