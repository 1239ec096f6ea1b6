package io.conveyor.extractor.source.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Reads a file line by line as raw bytes, so a rejected line can be kept exactly as it was and the
 * position of every line is known in bytes. Lines end at {@code \n}; a {@code \r} before it is
 * dropped. Works for every encoding in which {@code \n} is the byte 0x0A (UTF-8, ASCII, ISO-8859-*,
 * windows-125*), which is why the file sources refuse the others.
 */
public final class LineReader implements AutoCloseable {

    private static final int BUFFER_SIZE = 64 * 1024;
    /** No bound but the largest array. */
    public static final int UNBOUNDED = Integer.MAX_VALUE - 16;

    private final InputStream in;
    // Lines are cut out of a block buffer rather than read byte by byte: a synchronized read() and a
    // synchronized write() per byte cost more than parsing the CSV itself.
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int bufferPosition;
    private int bufferLimit;
    private byte[] line = new byte[256];
    private int lineLength;
    private long byteOffset;
    private long lineNumber;
    private final int maxLineBytes;
    private boolean truncated;
    private boolean carriageReturn;

    private LineReader(InputStream in, FilePosition start, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.byteOffset = start.byteOffset();
        this.lineNumber = start.line();
    }

    /** Opens {@code path} positioned at {@code start}: a plain file is seeked, a gzip stream is skipped through. */
    public static LineReader open(Path path, boolean gzip, FilePosition start) throws IOException {
        return open(path, gzip, start, UNBOUNDED);
    }

    /**
     * Opens {@code path} positioned at {@code start}; of a line longer than {@code maxLineBytes} only
     * the first {@code maxLineBytes} are kept ({@link #truncated()}), so one huge line cannot
     * exhaust the heap.
     */
    public static LineReader open(Path path, boolean gzip, FilePosition start, int maxLineBytes) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            if (gzip) {
                InputStream unzipped = new GZIPInputStream(Channels.newInputStream(channel), BUFFER_SIZE);
                unzipped.skipNBytes(start.byteOffset());
                return new LineReader(unzipped, start, maxLineBytes);
            }
            channel.position(start.byteOffset());
            return new LineReader(Channels.newInputStream(channel), start, maxLineBytes);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The next line without its terminator, or empty at the end of the file. */
    public Optional<byte[]> next() throws IOException {
        lineLength = 0;
        truncated = false;
        long read = 0;
        boolean ended = false;
        while (!ended && fill()) {
            int newline = indexOfNewline();
            int end = newline < 0 ? bufferLimit : newline;
            append(end - bufferPosition);
            read += end - bufferPosition;
            ended = newline >= 0;
            if (ended) {
                read++;
            }
            bufferPosition = ended ? newline + 1 : bufferLimit;
        }
        if (read == 0) {
            return Optional.empty();
        }
        byteOffset += read;
        lineNumber++;
        carriageReturn = !truncated && lineLength > 0 && line[lineLength - 1] == '\r';
        int length = carriageReturn ? lineLength - 1 : lineLength;
        return Optional.of(Arrays.copyOf(line, length));
    }

    /** Whether the last line was longer than the bound and holds only its first bytes. */
    public boolean truncated() {
        return truncated;
    }

    /** Whether the last line ended with {@code \r\n}, the {@code \r} of which {@link #next} dropped. */
    public boolean endedWithCarriageReturn() {
        return carriageReturn;
    }

    /** Answers whether unread bytes are buffered, reading the next block when the buffer is used up. */
    private boolean fill() throws IOException {
        if (bufferPosition < bufferLimit) {
            return true;
        }
        int count = in.read(buffer, 0, buffer.length);
        bufferPosition = 0;
        bufferLimit = Math.max(count, 0);
        return count > 0;
    }

    private int indexOfNewline() {
        for (int i = bufferPosition; i < bufferLimit; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(int available) {
        int count = Math.min(available, maxLineBytes - lineLength);
        if (count < available) {
            truncated = true;
        }
        if (lineLength + count > line.length) {
            line = Arrays.copyOf(line, (int) Math.max(Math.min(line.length * 2L, maxLineBytes), lineLength + count));
        }
        System.arraycopy(buffer, bufferPosition, line, lineLength, count);
        lineLength += count;
    }

    /** The position after the last line returned. */
    public FilePosition position() {
        return new FilePosition(byteOffset, lineNumber);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
