package io.conveyor.extractor.source.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.conveyor.extractor.source.RecordSource;
import io.conveyor.extractor.source.SourceContext;
import io.conveyor.extractor.source.SourceItem;
import io.conveyor.extractor.source.file.FilePosition;
import io.conveyor.extractor.source.file.LineEncodings;
import io.conveyor.extractor.source.file.LineReader;
import io.conveyor.pipeline.spec.source.JsonLinesSource;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.kafka.common.errors.RecordTooLargeException;

/** A JSON Lines file; a line that is not a JSON object is rejected on its own. Position: {@code offset:line}. */
public final class JsonLinesRecordSource implements RecordSource {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final JsonLinesSource spec;
    private final Charset charset;
    private final LineReader lines;
    private final JsonRecords records;
    private final int maxRecordBytes;

    private JsonLinesRecordSource(JsonLinesSource spec, Charset charset, LineReader lines, JsonRecords records,
                                  int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
        this.spec = spec;
        this.charset = charset;
        this.lines = lines;
        this.records = records;
    }

    public static JsonLinesRecordSource open(JsonLinesSource spec, SourceContext context) throws IOException {
        Charset charset = LineEncodings.requireLineCompatible(spec.encoding(), spec.path());
        FilePosition from = context.resumeFrom().map(FilePosition::parse).orElse(FilePosition.START);
        return new JsonLinesRecordSource(spec, charset, LineReader.open(Path.of(spec.path()), spec.gzip(), from,
                context.maxRecordBytes()), new JsonRecords(context.recordName()), context.maxRecordBytes());
    }

    @Override
    public Optional<SourceItem> next() throws IOException {
        Optional<byte[]> line = lines.next();
        while (line.isPresent() && new String(line.get(), charset).isBlank()) {
            line = lines.next();
        }
        return line.map(this::item);
    }

    private SourceItem item(byte[] line) {
        String where = spec.path() + ":" + lines.position().line();
        if (lines.truncated()) {
            return new SourceItem.Rejected(where, line, "the record is longer than the limit of %,d bytes (conveyor.extractor.max-record-bytes); "
                    .formatted(maxRecordBytes) + "the dead letter holds its first bytes only", RecordTooLargeException.class.getName());
        }
        try {
            return new SourceItem.Extracted(records.toRecord(MAPPER.readTree(new String(line, charset))));
        } catch (JsonProcessingException | NotAJsonObjectException e) {
            return SourceItem.Rejected.of(where, line, e);
        }
    }

    @Override
    public String position() {
        return lines.position().toString();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
