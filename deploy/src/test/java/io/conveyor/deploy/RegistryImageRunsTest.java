package io.conveyor.deploy;

import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proof that an image really runs: the registry image's layers are unpacked into a root file system and its
 * entrypoint is started in it with chroot as user 65532 (with its own /proc, as a container has), with only the
 * image's environment plus the configuration a deployment would set, against the testkit's broker. The JVM,
 * the libraries and the classpath all come from the image, none from the host. Needs root (chroot, unshare).
 */
@ExtendWith(ConveyorStackExtension.class)
class RegistryImageRunsTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theRegistryImageStartsFromItsOwnRootFilesystemAsUser65532AndServesSchemas(ConveyorStack stack) throws Exception {
        ServiceImage service = ServiceImage.named("schema-registry");
        ImageTarball image = ImageTarball.unpack(service.tarball(), DeployPaths.work("image-" + service.name()));
        Path root = image.rootFilesystem(DeployPaths.work("rootfs-" + service.name()));
        int port = freePort();
        String topic = ConveyorStack.uniqueName("_schemas_image");

        List<String> command = new ArrayList<>(List.of(
                "unshare", "--mount", "--pid", "--fork", "--kill-child=SIGKILL", "--mount-proc=" + root.resolve("proc"),
                "chroot", "--userspec=" + image.user(), root.toString()));
        command.addAll(image.entrypoint());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        for (String variable : image.env()) {
            int eq = variable.indexOf('=');
            builder.environment().put(variable.substring(0, eq), variable.substring(eq + 1));
        }
        builder.environment().putAll(Map.of(
                "CONVEYOR_REGISTRY_BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                "CONVEYOR_REGISTRY_TOPIC", topic,
                "CONVEYOR_REGISTRY_WRITER_ID", topic,
                "MICRONAUT_SERVER_PORT", Integer.toString(port)));
        Path log = DeployPaths.work(topic + ".log");
        Files.createDirectories(log.getParent());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());

        Process process = builder.start();
        try {
            String base = "http://127.0.0.1:" + port;
            awaitHealthy(base + "/health", process, log);
            // The paths the Kubernetes probes use.
            for (String probe : List.of("/health/readiness", "/health/liveness")) {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base + probe)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(probe + " " + answer.body()).isEqualTo(200);
                assertThat(answer.body()).as(probe).contains("\"status\":\"UP\"");
            }

            HttpResponse<String> registered = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/subjects/deploy-check-value/versions"))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Check\\\",\\\"fields\\\":[{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"long\\\"}]}\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
            assertThat(registered.body()).contains("\"id\"");

            HttpResponse<String> latest = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/subjects/deploy-check-value/versions/latest")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(latest.statusCode()).isEqualTo(200);
            assertThat(latest.body()).contains("\"version\":1").contains("Check");

            // The process runs the image's JVM under the image's user, not the host's.
            String status = Files.readString(Path.of("/proc", Long.toString(javaPid(process)), "status"));
            assertThat(status).containsPattern("Uid:\\s+65532\\s");
            assertThat(Files.readSymbolicLink(Path.of("/proc", Long.toString(javaPid(process)), "exe")).toString())
                    .isEqualTo(root.resolve("opt/java/openjdk/bin/java").toString());
            // The image's logging configuration is in effect: INFO, not Logback's unconfigured DEBUG.
            assertThat(Files.readString(log)).contains(" INFO ").doesNotContain(" DEBUG ");

            stopGracefully(process, ProcessHandle.of(javaPid(process)).orElseThrow());
        } finally {
            kill(process);
        }
    }

    /**
     * SIGTERM to the image's JVM, as {@code docker stop} and a pod's termination send it; the test fails if it
     * has not ended 30 s later. Whatever still runs then (or after a failure before it) gets SIGKILL, so that no
     * process outlives the test.
     */
    private static void stopGracefully(Process process, ProcessHandle java) throws Exception {
        java.destroy();
        boolean ended;
        try {
            java.onExit().get(30, TimeUnit.SECONDS);
            ended = true;
        } catch (TimeoutException e) {
            ended = false;
        }
        assertThat(ended).as("the image's JVM ended within 30 s of SIGTERM").isTrue();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("unshare ended with its child").isTrue();
    }

    private static void kill(Process process) throws Exception {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        for (ProcessHandle handle : tree) {
            handle.destroyForcibly();
        }
        for (ProcessHandle handle : tree) {
            handle.onExit().get(10, TimeUnit.SECONDS);
        }
    }

    /** The JVM: the descendant of unshare that is not chroot (chroot execs the entrypoint in place). */
    private static long javaPid(Process process) {
        return process.descendants()
                .filter(handle -> handle.info().command().map(command -> command.endsWith("/java")).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no java process under " + process.pid()))
                .pid();
    }

    private static void awaitHealthy(String url, Process process, Path log) throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the registry image exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the registry image did not answer " + url + " within 90 s:\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
