package io.conveyor.extractor.source.file;

/**
 * A place in a line-oriented file: the byte offset of the next unread line (in the decompressed
 * stream for gzip files) and how many lines lie before it. Text form {@code offset:line}.
 */
public record FilePosition(long byteOffset, long line) {

    public static final FilePosition START = new FilePosition(0, 0);

    public FilePosition {
        if (byteOffset < 0 || line < 0) {
            throw new IllegalArgumentException("a file position is never negative: " + byteOffset + ":" + line);
        }
    }

    public static FilePosition parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a file position (offset:line): " + text);
        }
        return new FilePosition(Long.parseLong(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return byteOffset + ":" + line;
    }
}
