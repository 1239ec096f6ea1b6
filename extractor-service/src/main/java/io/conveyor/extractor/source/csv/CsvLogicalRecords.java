package io.conveyor.extractor.source.csv;

import io.conveyor.extractor.source.file.FilePosition;
import io.conveyor.extractor.source.file.LineReader;
import io.conveyor.pipeline.spec.source.EncodingErrors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.MalformedInputException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * Groups physical lines into CSV records: a record goes on over the next line while a quoted field
 * is open. Each record is then parsed on its own, so one malformed record never derails the rest.
 * A line end inside a quoted field is kept as written; a UTF-8 byte order mark at the start of the
 * file is skipped; a record longer than the bound keeps only its first bytes and is marked, and so
 * is one with bytes invalid in the encoding (unless they are to be replaced).
 */
final class CsvLogicalRecords implements AutoCloseable {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /**
     * One CSV record as text, with the bytes it came from and the line it starts on.
     *
     * @param problem why the record cannot be parsed though its quotes are balanced: too long, or bytes
     *                invalid in the encoding
     */
    record LogicalRecord(String text, byte[] original, long firstLine, boolean unterminated, Optional<Unreadable> problem) {
    }

    /** Why a record is rejected before parsing, and the exception class its dead letter names. */
    record Unreadable(String message, String exceptionClass) {
    }

    private final LineReader lines;
    private final Charset charset;
    private final char quote;
    private final Optional<Character> escape;
    private final EncodingErrors encodingErrors;
    private final int maxRecordBytes;
    private boolean atStartOfFile;

    CsvLogicalRecords(LineReader lines, Charset charset, char quote, Optional<Character> escape,
                      EncodingErrors encodingErrors, int maxRecordBytes) {
        this.lines = lines;
        this.charset = charset;
        this.quote = quote;
        this.escape = escape;
        this.encodingErrors = encodingErrors;
        this.maxRecordBytes = maxRecordBytes;
        this.atStartOfFile = lines.position().byteOffset() == 0;
    }

    Optional<LogicalRecord> next() throws IOException {
        Optional<byte[]> first = lines.next().map(this::withoutByteOrderMark);
        if (first.isEmpty()) {
            return Optional.empty();
        }
        long firstLine = lines.position().line();
        Draft draft = new Draft();
        boolean open = draft.append(first.get(), false);
        while (open) {
            boolean carriageReturn = lines.endedWithCarriageReturn();
            Optional<byte[]> more = lines.next();
            if (more.isEmpty()) {
                break;
            }
            draft.lineEnd(carriageReturn);
            open = draft.append(more.get(), true);
        }
        return Optional.of(new LogicalRecord(draft.text.toString(), draft.original.toByteArray(), firstLine, open,
                draft.problem()));
    }

    FilePosition position() {
        return lines.position();
    }

    private byte[] withoutByteOrderMark(byte[] line) {
        boolean bom = atStartOfFile && charset.equals(StandardCharsets.UTF_8) && line.length >= UTF8_BOM.length
                && line[0] == UTF8_BOM[0] && line[1] == UTF8_BOM[1] && line[2] == UTF8_BOM[2];
        atStartOfFile = false;
        return bom ? Arrays.copyOfRange(line, UTF8_BOM.length, line.length) : line;
    }

    /** A record being assembled from its lines, never more than the bound. */
    private final class Draft {

        private final ByteArrayOutputStream original = new ByteArrayOutputStream();
        private final StringBuilder text = new StringBuilder();
        private boolean tooLong;
        private long invalidByteAt = -1;

        void lineEnd(boolean carriageReturn) {
            keep(carriageReturn ? new byte[] {'\r', '\n'} : new byte[] {'\n'}, carriageReturn ? "\r\n" : "\n");
        }

        boolean append(byte[] line, boolean open) {
            String decoded = decode(line);
            keep(line, decoded);
            tooLong |= lines.truncated();
            // Quotes are followed even past the bound, so the next record starts where it should.
            return quotedFieldOpen(decoded, open);
        }

        /** Keeps the bytes (and their text) while the record is within the bound, else only what fits. */
        private void keep(byte[] bytes, String decoded) {
            int room = maxRecordBytes - original.size();
            if (bytes.length <= room) {
                original.write(bytes, 0, bytes.length);
                text.append(decoded);
            } else {
                original.write(bytes, 0, Math.max(room, 0));
                tooLong = true;
            }
        }

        private String decode(byte[] line) {
            if (encodingErrors == EncodingErrors.REJECT && invalidByteAt < 0) {
                CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
                ByteBuffer in = ByteBuffer.wrap(line);
                CharBuffer out = CharBuffer.allocate((int) Math.ceil(line.length * (double) decoder.maxCharsPerByte()) + 1);
                CoderResult result = decoder.decode(in, out, true);
                if (!result.isError()) {
                    result = decoder.flush(out);
                }
                if (!result.isError()) {
                    return out.flip().toString();
                }
                invalidByteAt = original.size() + (long) in.position();
            }
            return new String(line, charset);
        }

        Optional<Unreadable> problem() {
            if (tooLong) {
                return Optional.of(new Unreadable("the record is longer than the limit of %,d bytes (conveyor.extractor.max-record-bytes); "
                        .formatted(maxRecordBytes) + "the dead letter holds its first bytes only", RecordTooLargeException.class.getName()));
            }
            if (invalidByteAt >= 0) {
                return Optional.of(new Unreadable("invalid %s at byte %d of the record (encodingErrors: replace keeps such records)"
                        .formatted(charset.name(), invalidByteAt), MalformedInputException.class.getName()));
            }
            return Optional.empty();
        }
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
