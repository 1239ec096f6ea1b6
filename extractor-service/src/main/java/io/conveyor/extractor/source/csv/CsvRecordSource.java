package io.conveyor.extractor.source.csv;

import io.conveyor.extractor.source.AvroNames;
import io.conveyor.extractor.source.RecordSource;
import io.conveyor.extractor.source.SourceContext;
import io.conveyor.extractor.source.SourceItem;
import io.conveyor.extractor.source.file.FilePosition;
import io.conveyor.extractor.source.file.LineEncodings;
import io.conveyor.extractor.source.file.LineReader;
import io.conveyor.pipeline.spec.source.CsvSource;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * A CSV file as records of nullable strings, one field per column. Position: {@code offset:line}
 * of the next unread record; the header is read again from the start on a resume.
 */
public final class CsvRecordSource implements RecordSource {

    private final CsvSource spec;
    private final CsvLogicalRecords records;
    private final CsvFields parser;
    private final Schema schema;
    private final String nullValue;

    private CsvRecordSource(CsvSource spec, CsvLogicalRecords records, CsvFields parser, Schema schema) {
        this.spec = spec;
        this.records = records;
        this.parser = parser;
        this.schema = schema;
        this.nullValue = spec.nullValue().orElse(null);
    }

    public static CsvRecordSource open(CsvSource spec, SourceContext context) throws IOException {
        Charset charset = LineEncodings.requireLineCompatible(spec.encoding(), spec.path());
        CsvFields parser = CsvFields.of(spec);
        FilePosition resume = context.resumeFrom().map(FilePosition::parse).orElse(FilePosition.START);
        int maxRecordBytes = context.maxRecordBytes();
        CsvLogicalRecords records = records(spec, charset, FilePosition.START, maxRecordBytes);
        try {
            List<String> columns = spec.columns();
            if (spec.header()) {
                List<String> header = header(spec, records, parser);
                columns = columns.isEmpty() ? header : columns;
                if (resume.equals(FilePosition.START)) {
                    resume = records.position();
                }
            }
            if (!resume.equals(records.position())) {
                records.close();
                records = records(spec, charset, resume, maxRecordBytes);
            }
            return new CsvRecordSource(spec, records, parser, schema(context.recordName(), columns));
        } catch (IOException | RuntimeException e) {
            records.close();
            throw e;
        }
    }

    /**
     * The column names as the source spells them: the declared {@code columns}, else the file's
     * header, read without the rest of the file (the launcher shows their Avro names before a run).
     */
    public static List<String> columns(CsvSource spec) throws IOException {
        if (!spec.columns().isEmpty() || !spec.header()) {
            return spec.columns();
        }
        Charset charset = LineEncodings.requireLineCompatible(spec.encoding(), spec.path());
        try (CsvLogicalRecords records = records(spec, charset, FilePosition.START, LineReader.UNBOUNDED)) {
            return header(spec, records, CsvFields.of(spec));
        }
    }

    @Override
    public Optional<SourceItem> next() throws IOException {
        Optional<CsvLogicalRecords.LogicalRecord> next = records.next();
        while (next.isPresent() && next.get().text().isBlank()) {
            next = records.next();
        }
        return next.map(this::item);
    }

    @Override
    public String position() {
        return records.position().toString();
    }

    @Override
    public void close() throws IOException {
        records.close();
    }

    private SourceItem item(CsvLogicalRecords.LogicalRecord record) {
        String where = spec.path() + ":" + record.firstLine();
        if (record.unterminated()) {
            return new SourceItem.Rejected(where, record.original(), "quoted field not closed before the end of the file",
                    MalformedCsvException.class.getName());
        }
        if (record.problem().isPresent()) {
            return new SourceItem.Rejected(where, record.original(), record.problem().get().message(),
                    record.problem().get().exceptionClass());
        }
        try {
            return new SourceItem.Extracted(toRecord(parser.split(record.text(), where)));
        } catch (IOException e) {
            return SourceItem.Rejected.of(where, record.original(), e);
        }
    }

    private GenericRecord toRecord(String[] values) throws MalformedCsvException {
        List<Schema.Field> fields = schema.getFields();
        if (values.length != fields.size()) {
            throw new MalformedCsvException("expected " + fields.size() + " columns but found " + values.length);
        }
        GenericRecord record = new GenericData.Record(schema);
        for (int i = 0; i < values.length; i++) {
            record.put(i, values[i].equals(nullValue) ? null : values[i]);
        }
        return record;
    }

    private static List<String> header(CsvSource spec, CsvLogicalRecords records, CsvFields parser) throws IOException {
        Optional<CsvLogicalRecords.LogicalRecord> header = records.next();
        if (header.isEmpty()) {
            throw new IOException("CSV file " + spec.path() + " is empty but should start with a header");
        }
        return Arrays.asList(parser.split(header.get().text(), spec.path() + ":1"));
    }

    private static CsvLogicalRecords records(CsvSource spec, Charset charset, FilePosition from, int maxRecordBytes)
            throws IOException {
        return new CsvLogicalRecords(LineReader.open(Path.of(spec.path()), spec.gzip(), from, maxRecordBytes), charset,
                spec.quote(), spec.escape(), spec.encodingErrors(), maxRecordBytes);
    }

    private static Schema schema(String recordName, List<String> columns) {
        List<String> names = AvroNames.distinct(columns);
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record(recordName).namespace(AvroNames.NAMESPACE).fields();
        for (int i = 0; i < columns.size(); i++) {
            fields = fields.name(names.get(i)).prop(AvroNames.ORIGINAL_NAME, columns.get(i)).type().optional().stringType();
        }
        return fields.endRecord();
    }
}
