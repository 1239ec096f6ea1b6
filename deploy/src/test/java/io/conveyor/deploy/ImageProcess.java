package io.conveyor.deploy;

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

/**
 * An image run the way a container runtime runs it, without one: its layers unpacked into a root file system,
 * its entrypoint started there with chroot as the image's user, in its own PID namespace with its own /proc
 * and the host's null, zero, random and urandom devices,
 * with only the image's environment plus the given configuration. The JVM, its libraries and the classpath
 * all come from the image, none from the host; the network is the host's. Needs root (chroot, unshare).
 */
final class ImageProcess implements AutoCloseable {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final Path root;
    final Path log;
    final int port;
    private final Process process;

    private ImageProcess(Path root, Path log, int port, Process process) {
        this.root = root;
        this.log = log;
        this.port = port;
        this.process = process;
    }

    /** Starts {@code service}'s image with {@code environment}; MICRONAUT_SERVER_PORT is set to a free port. */
    static ImageProcess start(ServiceImage service, String runName, Map<String, String> environment) throws IOException {
        ImageTarball image = ImageTarball.unpack(service.tarball(), DeployPaths.work("image-" + service.name()));
        Path root = image.rootFilesystem(DeployPaths.work("rootfs-" + service.name()));
        int port = freePort();
        // The devices a container runtime provides: without /dev/urandom the JVM seeds SecureRandom from its
        // thread-timing generator, which takes minutes and blocks Kafka Streams' start.
        List<String> command = new ArrayList<>(List.of(
                "unshare", "--mount", "--pid", "--fork", "--kill-child=SIGKILL", "--mount-proc=" + root.resolve("proc"),
                "/bin/sh", "-c", "for d in " + String.join(" ", ImageTarball.DEVICES) + "; do mount --bind /dev/$d \"$0/dev/$d\" || exit 1; done; "
                        + "exec chroot --userspec=" + image.user() + " \"$0\" \"$@\"",
                root.toString()));
        command.addAll(image.entrypoint());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        for (String variable : image.env()) {
            int eq = variable.indexOf('=');
            builder.environment().put(variable.substring(0, eq), variable.substring(eq + 1));
        }
        builder.environment().putAll(environment);
        builder.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        Path log = DeployPaths.work(runName + ".log");
        Files.createDirectories(log.getParent());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return new ImageProcess(root, log, port, builder.start());
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until {@code path} answers 200, failing with the process's output when it exits or takes too long. */
    void awaitOk(String path, Duration limit) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the image exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                HttpResponse<String> answer = get(path);
                if (answer.statusCode() == 200) {
                    return;
                }
                last = answer.statusCode() + " " + answer.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError(url(path) + " did not answer 200 within " + limit + " (last: " + last + "):\n" + output());
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    /** The JVM: the descendant of unshare that runs java (chroot execs the entrypoint in place). */
    ProcessHandle java() {
        return process.descendants()
                .filter(handle -> handle.info().command().map(command -> command.endsWith("/java")).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no java process under " + process.pid()));
    }

    /** SIGTERM to the JVM, as docker stop and a pod's termination send it: whether it ended within 30 s. */
    boolean stopsOnSigterm() throws Exception {
        ProcessHandle java = java();
        java.destroy();
        try {
            java.onExit().get(30, TimeUnit.SECONDS);
            return process.waitFor(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return false;
        }
    }

    /** SIGKILL to whatever still runs, so that no process outlives the test. */
    @Override
    public void close() throws Exception {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        for (ProcessHandle handle : tree) {
            handle.destroyForcibly();
        }
        for (ProcessHandle handle : tree) {
            handle.onExit().get(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
