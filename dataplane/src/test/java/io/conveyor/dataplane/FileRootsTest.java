package io.conveyor.dataplane;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRootsTest {

    private static final String KEY = "conveyor.extractor.file-roots";

    @Test
    void aFileUnderARootIsAllowedAndTraversalOutOfItIsRefused(@TempDir Path directory) throws Exception {
        Path root = Files.createDirectories(directory.resolve("data"));
        FileRoots roots = FileRoots.of(List.of(root.toString()), KEY);

        assertThatCode(() -> roots.check("source file", root.resolve("in/orders.csv").toString())).doesNotThrowAnyException();
        assertThatThrownBy(() -> roots.check("source file", root + "/../../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("source file " + root + "/../../etc/passwd is outside the allowed file roots [" + root + "] (" + KEY + ")");
        assertThatThrownBy(() -> roots.check("source file", "/etc/passwd")).hasMessageContaining("outside the allowed file roots");
    }

    @Test
    void aSymbolicLinkOutOfARootIsRefused(@TempDir Path directory) throws Exception {
        Path root = Files.createDirectories(directory.resolve("data"));
        Path outside = Files.writeString(Files.createDirectories(directory.resolve("private")).resolve("secret.csv"), "a\n1\n");
        Files.createSymbolicLink(root.resolve("innocent.csv"), outside);
        FileRoots roots = FileRoots.of(List.of(root.toString()), KEY);

        assertThatThrownBy(() -> roots.check("source file", root.resolve("innocent.csv").toString()))
                .hasMessageContaining("outside the allowed file roots");
    }

    @Test
    void noConfiguredRootAllowsEveryPath() {
        assertThatCode(() -> FileRoots.of(List.of(" "), KEY).check("source file", "/etc/passwd")).doesNotThrowAnyException();
    }
}
