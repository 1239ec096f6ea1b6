package io.conveyor.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher as a user runs it: a separate JVM, used by Kafka's own console producer and
 * consumer (separate JVMs too), stopped with the signal Ctrl-C sends.
 */
class ConveyorLauncherProcessTest {

    private static final String CLASSPATH = System.getProperty("java.class.path");

    @Test
    void serveStartsAStackThatKafkasConsoleToolsCanUseAndStopsCleanly(@TempDir Path data) throws Exception {
        Path output = data.resolve("launcher.out");
        Process launcher = java(ConveyorLauncher.class.getName(), "serve", "--kafka-port", "0", "--registry-port", "0",
                "--data-dir", data.resolve("data").toString()).redirectOutput(output.toFile()).start();
        try {
            List<String> banner = awaitLine(output, "Conveyor is running");
            String bootstrap = valueOf(banner, "Kafka bootstrap servers: ");
            String registry = valueOf(banner, "Schema Registry: ");

            Process producer = java("kafka.tools.ConsoleProducer", "--bootstrap-server", bootstrap, "--topic", "greetings").start();
            try (OutputStream stdin = producer.getOutputStream()) {
                stdin.write("hello\nworld\n".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(producer.waitFor(60, TimeUnit.SECONDS)).as("console producer finished").isTrue();
            assertThat(producer.exitValue()).isZero();

            Process consumer = java("org.apache.kafka.tools.consumer.ConsoleConsumer", "--bootstrap-server", bootstrap,
                    "--topic", "greetings", "--from-beginning", "--max-messages", "2", "--timeout-ms", "60000").start();
            String consumed = new String(consumer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(consumer.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(consumed.lines()).containsExactly("hello", "world");

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> subjects = http.send(HttpRequest.newBuilder(URI.create(registry + "/subjects")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(subjects.statusCode()).isEqualTo(200);
            for (String service : List.of("scheduler", "extractor", "transformer", "loader")) {
                String url = valueOf(banner, "Service " + service + ": ").split(" ")[0];
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).as("%s health", service).isEqualTo(200);
                assertThat(health.body()).as("%s health", service).contains("\"status\":\"UP\"");
            }

            launcher.destroy();
            assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).as("launcher stopped after SIGTERM").isTrue();
            assertThat(awaitLine(output, "Conveyor stopped.")).contains("Stopping Conveyor...");
        } finally {
            launcher.destroyForcibly();
        }
    }

    @Test
    void aMissingPipelineFileIsOneLineAndExit2ResolvedFromTheCallersDirectory(@TempDir Path caller) throws Exception {
        Finished run = finish(java(ConveyorLauncher.class.getName(), "run", "missing.yaml", "--kafka-port", "0",
                "--registry-port", "0").directory(caller.toFile()));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.output().lines()).containsExactly(
                "conveyor-local: pipeline file " + caller.toRealPath().resolve("missing.yaml") + " does not exist");
    }

    @Test
    void pipelineAndSchemaPathsAreResolvedFromTheDirectoryTheScriptWasCalledFrom(@TempDir Path caller) throws Exception {
        Path pipelines = Files.createDirectories(caller.resolve("pipelines"));
        // A schema that is not a record: validation reads it and refuses it before any service starts.
        Files.writeString(pipelines.resolve("not-a-record.avsc"), "\"string\"");
        Files.writeString(pipelines.resolve("mine.yaml"), """
                name: mine
                tasks:
                  - id: clean
                    kind: transform
                    schema: {file: not-a-record.avsc}
                """);
        ProcessBuilder launcher = java(ConveyorLauncher.class.getName(), "run", "pipelines/mine.yaml",
                "--kafka-port", "0", "--registry-port", "0").directory(Files.createDirectories(caller.resolve("elsewhere")).toFile());
        // What bin/conveyor-local passes after changing to the repository root.
        launcher.environment().put(CallerDirectory.VARIABLE, caller.toString());

        Finished run = finish(launcher);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.output()).contains(pipelines.resolve("mine.yaml") + ":5:20: tasks[0].schema.file: the target schema in not-a-record.avsc"
                + " must be an Avro record, got string").doesNotContain("Exception");
    }

    private record Finished(int exit, String output) {
    }

    private static Finished finish(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        return new Finished(process.exitValue(), output);
    }

    private static ProcessBuilder java(String mainClass, String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", CLASSPATH, mainClass));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    }

    /** Waits for a line in a process's output file, so waiting has a deadline and nothing is lost at exit. */
    private static List<String> awaitLine(Path output, String prefix) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            if (lines.stream().anyMatch(line -> line.startsWith(prefix))) {
                return lines;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("The launcher did not print '" + prefix + "' in time; it printed: " + lines);
    }

    private static String valueOf(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new AssertionError("No '" + prefix + "' line in " + lines));
    }
}
