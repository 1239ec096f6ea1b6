package io.conveyor.extractor.source.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsLinesWithTheirByteOffsetsAndResumesFromOne() throws Exception {
        Path file = dir.resolve("a.txt");
        Files.write(file, "ä1\r\nb2\n\nc3".getBytes(StandardCharsets.UTF_8));
        FilePosition afterFirst;
        try (LineReader lines = LineReader.open(file, false, FilePosition.START)) {
            assertThat(new String(lines.next().orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("ä1");
            afterFirst = lines.position();
        }
        assertThat(afterFirst).isEqualTo(new FilePosition(5, 1));
        assertThat(FilePosition.parse(afterFirst.toString())).isEqualTo(afterFirst);
        assertThat(lines(file, false, afterFirst)).containsExactly("b2", "", "c3");
    }

    @Test
    void resumesInAGzipFileByItsUncompressedOffset() throws Exception {
        Path file = dir.resolve("a.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(lines(file, true, new FilePosition(8, 2))).containsExactly("three");
    }

    @Test
    void linesLongerThanTheReadBlockAndACrLfSplitAcrossBlocksComeOutWhole() throws Exception {
        String longLine = "x".repeat(200_000);
        String split = "y".repeat(64 * 1024 - 1 - longLine.length() % (64 * 1024) - 1);
        Path file = dir.resolve("long.txt");
        Files.write(file, (longLine + "\n" + split + "\r\n" + "z\n").getBytes(StandardCharsets.UTF_8));

        assertThat(lines(file, false, FilePosition.START)).containsExactly(longLine, split, "z");
        try (LineReader reader = LineReader.open(file, false, FilePosition.START)) {
            reader.next();
            reader.next();
            assertThat(reader.position()).isEqualTo(new FilePosition(longLine.length() + 1 + split.length() + 2, 2));
        }
    }

    @Test
    void refusesEncodingsWhoseNewlineIsNotOneByte() {
        assertThatThrownBy(() -> LineEncodings.requireLineCompatible("UTF-16", "/x")).hasMessageContaining("ASCII-compatible");
        assertThat(LineEncodings.requireLineCompatible("ISO-8859-1", "/x")).isEqualTo(StandardCharsets.ISO_8859_1);
    }

    private static List<String> lines(Path file, boolean gzip, FilePosition from) throws Exception {
        List<String> lines = new ArrayList<>();
        try (LineReader reader = LineReader.open(file, gzip, from)) {
            for (Optional<byte[]> line = reader.next(); line.isPresent(); line = reader.next()) {
                lines.add(new String(line.get(), StandardCharsets.UTF_8));
            }
        }
        return lines;
    }
}
