package io.conveyor.extractor.source.csv;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.conveyor.pipeline.spec.source.CsvSource;
import java.io.IOException;
import java.util.Optional;

/**
 * Splits one logical CSV record (as {@link CsvLogicalRecords} found it) into its fields. Jackson's CSV
 * parser is the reference; a record without a quote, an escape or a line break has nothing for it to
 * interpret, so it is split at the delimiter directly. The profile showed a new Jackson parser per
 * record as a fifth of the extractor's time; {@code CsvFieldsTest} holds both paths to the same answers.
 */
final class CsvFields {

    private static final CsvMapper MAPPER = new CsvMapper();

    private final char delimiter;
    private final char quote;
    private final Optional<Character> escape;
    private final ObjectReader jackson;

    private CsvFields(char delimiter, char quote, Optional<Character> escape) {
        this.delimiter = delimiter;
        this.quote = quote;
        this.escape = escape;
        CsvSchema schema = CsvSchema.emptySchema().withoutHeader().withColumnSeparator(delimiter).withQuoteChar(quote);
        schema = escape.map(schema::withEscapeChar).orElse(schema);
        this.jackson = MAPPER.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY).with(schema);
    }

    static CsvFields of(CsvSource spec) {
        return new CsvFields(spec.delimiter(), spec.quote(), spec.escape());
    }

    static CsvFields of(char delimiter, char quote, Optional<Character> escape) {
        return new CsvFields(delimiter, quote, escape);
    }

    /** The record's fields; {@code where} names the record in an error. */
    String[] split(String text, String where) throws IOException {
        return plain(text) ? atDelimiters(text) : parsed(text, where);
    }

    /** The fields as Jackson's CSV parser reads them. */
    String[] parsed(String text, String where) throws IOException {
        try (MappingIterator<String[]> rows = jackson.readValues(text)) {
            if (!rows.hasNextValue()) {
                throw new MalformedCsvException("no fields in the record at " + where);
            }
            return rows.nextValue();
        }
    }

    /** Nothing in the text a CSV parser would read other than as itself, and something to read. */
    boolean plain(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char escapeChar = escape.orElse(quote);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == quote || c == escapeChar || c == '\n' || c == '\r') {
                return false;
            }
        }
        return true;
    }

    private String[] atDelimiters(String text) {
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == delimiter) {
                count++;
            }
        }
        String[] fields = new String[count];
        int start = 0;
        for (int field = 0; field < count - 1; field++) {
            int end = text.indexOf(delimiter, start);
            fields[field] = text.substring(start, end);
            start = end + 1;
        }
        fields[count - 1] = text.substring(start);
        return fields;
    }
}
