package io.conveyor.extractor.source.file;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
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

    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private long byteOffset;
    private long lineNumber;

    private LineReader(InputStream in, FilePosition start) {
        this.in = in;
        this.byteOffset = start.byteOffset();
        this.lineNumber = start.line();
    }

    /** Opens {@code path} positioned at {@code start}: a plain file is seeked, a gzip stream is skipped through. */
    public static LineReader open(Path path, boolean gzip, FilePosition start) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            if (gzip) {
                InputStream unzipped = new GZIPInputStream(Channels.newInputStream(channel), 64 * 1024);
                unzipped.skipNBytes(start.byteOffset());
                return new LineReader(new BufferedInputStream(unzipped, 64 * 1024), start);
            }
            channel.position(start.byteOffset());
            return new LineReader(new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024), start);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The next line without its terminator, or empty at the end of the file. */
    public Optional<byte[]> next() throws IOException {
        line.reset();
        int b;
        long read = 0;
        while ((b = in.read()) >= 0) {
            read++;
            if (b == '\n') {
                break;
            }
            line.write(b);
        }
        if (read == 0) {
            return Optional.empty();
        }
        byteOffset += read;
        lineNumber++;
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
            return Optional.of(Arrays.copyOf(bytes, length - 1));
        }
        return Optional.of(bytes);
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
