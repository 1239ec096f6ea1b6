package io.conveyor.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Runs the host's tools (tar, kubectl, chroot) for the deployment checks. */
final class Commands {

    private Commands() {
    }

    /** Runs a command to its end and answers its standard output; a non-zero exit fails with its output. */
    static String run(String... command) {
        return run(List.of(command), null);
    }

    static String run(List<String> command, Path workingDir) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        if (workingDir != null) {
            builder.directory(workingDir.toFile());
        }
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            // Standard error is read on its own thread so that neither pipe can fill up and block the other.
            StringBuilder errors = new StringBuilder();
            Thread stderr = new Thread(() -> {
                try {
                    errors.append(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    errors.append(e);
                }
            });
            stderr.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            stderr.join();
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + exit + ":\n" + errors + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
