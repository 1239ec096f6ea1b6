package io.conveyor.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service instance as its own JVM, started the way an operator starts it: the service's main
 * class, configured only through environment variables. Its output is appended to
 * {@code <logs>/<name>.log} across restarts, and each start's GC log (for the peak heap) to
 * {@code <logs>/<name>-gc-<start>.log}.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceProcess.class);
    /**
     * Generous: on a 2-core machine shared with other builds, seven JVMs starting together can take
     * minutes; {@code -Dconveyor.e2e.startup-seconds} sets another limit.
     */
    private static final Duration STARTUP = Duration.ofSeconds(Long.getLong("conveyor.e2e.startup-seconds", 240));
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final String mainClass;
    private final String heap;
    private final int port;
    private final Map<String, String> environment;
    private final Path logs;
    private final List<String> launcher;
    private final List<String> jvmOptions;
    private final boolean inheritEnvironment;
    private Process process;
    private int starts;

    ServiceProcess(String name, String mainClass, String heap, int port, Map<String, String> environment, Path logs) {
        this(name, mainClass, heap, port, environment, logs, List.of(), List.of(), true);
    }

    /**
     * @param launcher           a command the JVM is started under, its arguments following it (empty: none)
     * @param jvmOptions         more options of the JVM, such as {@code -Dkey=value} for settings whose keys
     *                           environment variables cannot spell (the dotted Kafka client keys of a pass-through map)
     * @param inheritEnvironment whether the JVM also gets this JVM's environment, or only {@code environment}
     */
    ServiceProcess(String name, String mainClass, String heap, int port, Map<String, String> environment, Path logs,
                   List<String> launcher, List<String> jvmOptions, boolean inheritEnvironment) {
        this.launcher = List.copyOf(launcher);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.inheritEnvironment = inheritEnvironment;
        this.name = name;
        this.mainClass = mainClass;
        this.heap = heap;
        this.port = port;
        this.environment = Map.copyOf(environment);
        this.logs = logs;
    }

    public String name() {
        return name;
    }

    /** The JVM's process id: with a launcher that execs it, the launched process is the JVM. */
    public long pid() {
        return process.pid();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return logs.resolve(name + ".log");
    }

    /** Starts the JVM and returns once its health endpoint answers UP. */
    public ServiceProcess start() {
        launch();
        awaitHealthy();
        return this;
    }

    /** Starts the JVM and returns at once, while it is still starting (see {@link #awaitHealthy()}). */
    public ServiceProcess launch() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running as pid " + process.pid());
        }
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+UseG1GC",
                // One GC log per start, so a restart does not overwrite the peak of the previous one.
                "-Xlog:gc:file=" + logs.resolve(name + "-gc-" + (++starts) + ".log") + ":uptime"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        if (!inheritEnvironment) {
            builder.environment().clear();
        }
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(logs);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + " (" + mainClass + ")", e);
        }
        LOG.info("Started {} as pid {} on port {} (start #{}), log {}", name, process.pid(), port, starts, log());
        return this;
    }

    /**
     * SIGKILL: the JVM gets no chance to close anything, as when a machine or container dies.
     *
     * @return the pid the instance had
     */
    public long kill() {
        long pid = process.pid();
        process.destroyForcibly();
        waitForExit();
        LOG.info("SIGKILLed {} (pid {})", name, pid);
        return pid;
    }

    /** How many times the instance has been started. */
    public int starts() {
        return starts;
    }

    /**
     * SIGTERM, as Kubernetes stops a pod: answers the exit status once the process exited, or fails
     * if it is still running after {@code within} (then it is SIGKILLed).
     */
    public int terminate(Duration within) {
        long pid = process.pid();
        process.destroy();
        try {
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                waitForExit();
                throw new IllegalStateException(name + " (pid " + pid + ") did not exit within " + within + " of SIGTERM");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for " + name + " to exit", e);
        }
        LOG.info("SIGTERMed {} (pid {}): exit status {}", name, pid, process.exitValue());
        return process.exitValue();
    }

    public void restart() {
        start();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Every GC log of this instance (one per start). */
    public List<Path> gcLogs() {
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= starts; i++) {
            files.add(logs.resolve(name + "-gc-" + i + ".log"));
        }
        return files;
    }

    /** Returns once the health endpoint answers UP; fails after the startup limit or if the JVM exited. */
    public void awaitHealthy() {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " during start-up; see " + log());
            }
            Optional<String> answer = healthProblem();
            if (answer.isEmpty()) {
                return;
            }
            last = answer.get();
            sleep(200);
        }
        throw new IllegalStateException(name + " not healthy after " + STARTUP + " (last answer: " + last + "); see " + log());
    }

    /** Whether the JVM runs and its health endpoint answers UP now (one request). */
    public boolean isHealthy() {
        return isAlive() && healthProblem().isEmpty();
    }

    /** Empty when /health answers UP, else what it answered. */
    private Optional<String> healthProblem() {
        try {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                return Optional.empty();
            }
            return Optional.of(health.statusCode() + " " + health.body());
        } catch (IOException e) {
            return Optional.of(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for " + name, e);
        }
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + process.pid() + ") did not exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for " + name + " to exit", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** SIGTERM, so the service shuts down as it would be stopped; SIGKILL if it does not within a minute. */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        LOG.info("Stopped {}", name);
    }
}
