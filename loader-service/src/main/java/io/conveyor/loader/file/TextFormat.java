package io.conveyor.loader.file;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Line-oriented UTF-8 formats (CSV, JSON Lines). A part may start with a header line, which the
 * output keeps once, from the first part; parts are otherwise concatenated byte for byte.
 */
final class TextFormat implements RecordFormat {

    /** How records become lines. */
    interface Lines {
        boolean hasHeader();

        /** The header line for records of {@code schema}, with its line ending; only when {@link #hasHeader()}. */
        String header(Schema schema);

        /** One record as a line with its line ending. */
        String line(GenericRecord record);
    }

    private final Lines lines;

    TextFormat(Lines lines) {
        this.lines = lines;
    }

    @Override
    public PartFile open(Path file, Schema schema) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8));
        if (lines.hasHeader()) {
            writer.write(lines.header(schema));
        }
        return new PartFile() {
            @Override
            public Schema schema() {
                return schema;
            }

            @Override
            public void write(GenericRecord record) throws IOException {
                String line;
                try {
                    line = lines.line(record);
                } catch (RuntimeException e) {
                    throw new RecordRefusedException("cannot write a " + record.getSchema().getFullName() + ": " + e, e);
                }
                writer.write(line);
            }

            @Override
            public void close() throws IOException {
                writer.close();
            }
        };
    }

    @Override
    public boolean combine(List<Path> parts, Path output) throws IOException {
        try (OutputStream out = Files.newOutputStream(output)) {
            for (int index = 0; index < parts.size(); index++) {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(parts.get(index)))) {
                    if (index > 0 && lines.hasHeader()) {
                        skipLine(in);
                    }
                    in.transferTo(out);
                }
            }
        }
        return true;
    }

    private static void skipLine(InputStream in) throws IOException {
        int next = in.read();
        while (next != -1 && next != '\n') {
            next = in.read();
        }
    }
}
