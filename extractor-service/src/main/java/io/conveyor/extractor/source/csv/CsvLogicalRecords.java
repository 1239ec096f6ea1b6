package io.conveyor.extractor.source.csv;

import io.conveyor.extractor.source.file.FilePosition;
import io.conveyor.extractor.source.file.LineReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Optional;

/**
 * Groups physical lines into CSV records: a record goes on over the next line while a quoted field
 * is open. Each record is then parsed on its own, so one malformed record never derails the rest.
 */
final class CsvLogicalRecords implements AutoCloseable {

    /** One CSV record as text, with the bytes it came from and the line it starts on. */
    record LogicalRecord(String text, byte[] original, long firstLine, boolean unterminated) {
    }

    private final LineReader lines;
    private final Charset charset;
    private final char quote;
    private final Optional<Character> escape;

    CsvLogicalRecords(LineReader lines, Charset charset, char quote, Optional<Character> escape) {
        this.lines = lines;
        this.charset = charset;
        this.quote = quote;
        this.escape = escape;
    }

    Optional<LogicalRecord> next() throws IOException {
        Optional<byte[]> first = lines.next();
        if (first.isEmpty()) {
            return Optional.empty();
        }
        long firstLine = lines.position().line();
        ByteArrayOutputStream original = new ByteArrayOutputStream();
        StringBuilder text = new StringBuilder();
        boolean open = append(first.get(), original, text, false);
        while (open) {
            Optional<byte[]> more = lines.next();
            if (more.isEmpty()) {
                break;
            }
            original.write('\n');
            text.append('\n');
            open = append(more.get(), original, text, true);
        }
        return Optional.of(new LogicalRecord(text.toString(), original.toByteArray(), firstLine, open));
    }

    FilePosition position() {
        return lines.position();
    }

    private boolean append(byte[] line, ByteArrayOutputStream original, StringBuilder text, boolean open) {
        original.writeBytes(line);
        String decoded = new String(line, charset);
        text.append(decoded);
        return quotedFieldOpen(decoded, open);
    }

    private boolean quotedFieldOpen(String line, boolean openAtStart) {
        boolean open = openAtStart;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (open && escape.isPresent() && c == escape.get()) {
                i++;
            } else if (c == quote) {
                open = !open;
            }
        }
        return open;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
