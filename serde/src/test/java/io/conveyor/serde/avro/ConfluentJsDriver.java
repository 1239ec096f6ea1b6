package io.conveyor.serde.avro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Node.js driver of Confluent's official JavaScript client (src/test/js), copied to a work
 * directory under target/ with its locked npm dependencies installed. Node and npm are required:
 * without them the conformance test fails rather than skips, because a silent skip would let the
 * protocol drift unnoticed.
 */
final class ConfluentJsDriver {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT = "conformance.mjs";
    private static final String NODE_MODULES = "node_modules";
    /** Written after a successful install; a matching one lets later runs skip {@code npm ci}. */
    private static final String INSTALL_FINGERPRINT = ".conveyor-install-fingerprint";
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);

    private final Path directory;

    private ConfluentJsDriver(Path directory) {
        this.directory = directory;
    }

    /** Copies the driver's sources into the work directory and installs its dependencies if the lock file changed. */
    static ConfluentJsDriver prepare(Path sources, Path directory) throws IOException {
        copySources(sources, directory);
        ConfluentJsDriver driver = new ConfluentJsDriver(directory);
        driver.installDependencies();
        return driver;
    }

    Path file(String name) {
        return directory.resolve(name);
    }

    /** Runs the scenarios against the registry; the answer is the driver's JSON document of results. */
    JsonNode run(String registryUrl, Path scratch) throws IOException {
        Outcome outcome = execute("node-conformance", RUN_TIMEOUT, "node", SCRIPT, registryUrl, scratch.toAbsolutePath().toString());
        if (outcome.exitCode() != 0) {
            throw new AssertionError("The Confluent JS conformance driver failed (exit " + outcome.exitCode() + ")\n" + outcome);
        }
        try {
            return JSON.readTree(outcome.stdout());
        } catch (IOException e) {
            throw new AssertionError("The Confluent JS conformance driver printed no JSON document\n" + outcome, e);
        }
    }

    private void installDependencies() throws IOException {
        String fingerprint = fingerprint();
        Path marker = directory.resolve(NODE_MODULES).resolve(INSTALL_FINGERPRINT);
        if (Files.exists(marker) && Files.readString(marker).equals(fingerprint)) {
            return;
        }
        Outcome outcome = execute("npm-ci", INSTALL_TIMEOUT, "npm", "ci", "--no-audit", "--no-fund", "--prefer-offline");
        if (outcome.exitCode() != 0) {
            throw new AssertionError("npm ci failed in " + directory.toAbsolutePath() + " (exit " + outcome.exitCode()
                    + "); the Confluent JS conformance test needs Node.js 20+ and npm with access to the npm registry "
                    + "or a warm ~/.npm cache\n" + outcome);
        }
        Files.writeString(marker, fingerprint);
    }

    private String fingerprint() throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(Files.readAllBytes(directory.resolve("package.json")));
            digest.update(Files.readAllBytes(directory.resolve("package-lock.json")));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    private Outcome execute(String name, Duration timeout, String... command) throws IOException {
        Path stdout = directory.resolve(name + ".out");
        Path stderr = directory.resolve(name + ".err");
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("Cannot start '" + command[0] + "': the Confluent JS conformance test needs "
                    + "Node.js 20+ and npm on the PATH (" + e.getMessage() + ")", e);
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + "\n"
                        + new Outcome(List.of(command), -1, read(stdout), read(stderr)));
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted waiting for " + String.join(" ", command), e);
        }
        return new Outcome(List.of(command), process.exitValue(), read(stdout), read(stderr));
    }

    /** npm and node start children of their own; none may outlive the test. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything but installed dependencies, so a developer's local node_modules never leaks into the run. */
    private static void copySources(Path sources, Path directory) throws IOException {
        Files.createDirectories(directory);
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path source : files.filter(Files::isRegularFile).toList()) {
                Path relative = sources.relativize(source);
                if (relative.getName(0).toString().equals(NODE_MODULES)) {
                    continue;
                }
                Path target = directory.resolve(relative.toString());
                Files.createDirectories(target.getParent());
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private record Outcome(List<String> command, int exitCode, String stdout, String stderr) {

        @Override
        public String toString() {
            return "$ " + String.join(" ", command) + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }
}
