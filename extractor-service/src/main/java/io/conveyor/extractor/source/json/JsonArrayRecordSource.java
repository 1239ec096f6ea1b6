package io.conveyor.extractor.source.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.conveyor.extractor.source.RecordSource;
import io.conveyor.extractor.source.SourceContext;
import io.conveyor.extractor.source.SourceItem;
import io.conveyor.pipeline.spec.source.JsonArraySource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * A file holding one JSON array, read element by element with Jackson's streaming parser. An element
 * that is not an object is rejected; a syntax error ends the task, because nothing after it can be
 * trusted. Position: the number of elements read; a resume parses and skips that many.
 */
public final class JsonArrayRecordSource implements RecordSource {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final JsonArraySource spec;
    private final JsonParser parser;
    private final JsonRecords records;
    private long elements;

    private JsonArrayRecordSource(JsonArraySource spec, JsonParser parser, JsonRecords records, long elements) {
        this.spec = spec;
        this.parser = parser;
        this.records = records;
        this.elements = elements;
    }

    public static JsonArrayRecordSource open(JsonArraySource spec, SourceContext context) throws IOException {
        JsonParser parser = MAPPER.createParser(new BufferedReader(new InputStreamReader(input(Path.of(spec.path()), spec.gzip()),
                spec.charset()), 64 * 1024));
        try {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException(spec.path() + " does not hold a JSON array");
            }
            long skip = context.resumeFrom().map(Long::parseLong).orElse(0L);
            for (long i = 0; i < skip; i++) {
                if (parser.nextToken() == JsonToken.END_ARRAY) {
                    throw new IOException(spec.path() + " has fewer than the " + skip + " elements already extracted");
                }
                parser.skipChildren();
            }
            return new JsonArrayRecordSource(spec, parser, new JsonRecords(context.recordName()), skip);
        } catch (IOException | RuntimeException e) {
            parser.close();
            throw e;
        }
    }

    @Override
    public Optional<SourceItem> next() throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null || token == JsonToken.END_ARRAY) {
            return Optional.empty();
        }
        JsonNode element = MAPPER.readTree(parser);
        elements++;
        try {
            return Optional.of(new SourceItem.Extracted(records.toRecord(element)));
        } catch (NotAJsonObjectException e) {
            return Optional.of(SourceItem.Rejected.of(spec.path() + ":element " + elements,
                    element.toString().getBytes(StandardCharsets.UTF_8), e));
        }
    }

    @Override
    public String position() {
        return Long.toString(elements);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private static InputStream input(Path path, boolean gzip) throws IOException {
        InputStream in = Files.newInputStream(path);
        return gzip ? new GZIPInputStream(in, 64 * 1024) : in;
    }
}
