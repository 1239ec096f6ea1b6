package io.conveyor.e2e.harness;

import io.conveyor.e2e.harness.ComposeFile.ComposeService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The services of a resolved compose file started as processes of this host, each as a container of it
 * would run: in {@link ContainerMounts} with its volumes and hosts, with only Docker's default {@code PATH},
 * a {@code HOSTNAME} of its own and the service's environment from the file, unchanged but for
 * {@code MICRONAUT_SERVER_PORT}: containers each have a network of their own and so may all listen on 8080,
 * processes share the host's and each needs a port of its own.
 */
public final class ComposeProcesses implements AutoCloseable {

    /** Six JVMs start at once: the client compiler alone, as it starts them sooner on few cores. */
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

    private final ContainerMounts mounts;
    private final Path logs;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final List<Process> oneShots = new ArrayList<>();
    /** Child processes outlive their parent: if the test JVM exits without closing this, the hook kills them. */
    private final Thread reaper = new Thread(this::killAll, "compose-processes-reaper");

    public ComposeProcesses(ContainerMounts mounts, Path logs) {
        this.mounts = mounts;
        this.logs = logs;
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** The JVM of {@code service} (its image's main class), listening on {@code port}; not started yet. */
    public ServiceProcess jvm(ComposeService service, String mainClass, int port, String heap) {
        Map<String, String> environment = containerEnvironment(service);
        environment.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        ServiceProcess process = new ServiceProcess(service.name(), mainClass, heap, port, environment, logs,
                mounts.launcher(service), JVM_OPTIONS, false);
        synchronized (services) {
            services.add(process);
        }
        return process;
    }

    /** Runs {@code service}'s entrypoint to its end (at most {@code limit}); its exit code, its output in {@code log}. */
    public int runToEnd(ComposeService service, Path log, Duration limit) {
        List<String> command = new ArrayList<>(mounts.launcher(service));
        command.addAll(service.entrypoint());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(containerEnvironment(service));
        Process process;
        try {
            Files.createDirectories(log.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + service.name() + ": " + command, e);
        }
        synchronized (oneShots) {
            oneShots.add(process);
        }
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(service.name() + " did not end within " + limit + "; see " + log);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("Interrupted waiting for " + service.name(), e);
        }
    }

    private static Map<String, String> containerEnvironment(ComposeService service) {
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", ContainerMounts.DEFAULT_PATH);
        environment.put("HOSTNAME", service.name());
        environment.putAll(service.environment());
        return environment;
    }

    /** Stops the services in reverse order of creation (SIGTERM, then SIGKILL), and any one-shot still running. */
    @Override
    public void close() {
        synchronized (oneShots) {
            oneShots.forEach(Process::destroyForcibly);
        }
        synchronized (services) {
            for (int i = services.size() - 1; i >= 0; i--) {
                services.get(i).close();
            }
        }
        Runtime.getRuntime().removeShutdownHook(reaper);
    }

    private void killAll() {
        oneShots.forEach(Process::destroyForcibly);
        services.stream().filter(ServiceProcess::isAlive).forEach(ServiceProcess::kill);
    }
}
