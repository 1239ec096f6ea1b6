package io.conveyor.launcher;

import io.conveyor.launcher.run.SchedulerClient;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/** The running local stack as the commands use it: started, announced, kept up or stopped. */
final class LocalSession implements AutoCloseable {

    private final LocalStack stack;
    private final LauncherSettings settings;
    private final PrintStream out;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean closed;

    private LocalSession(LocalStack stack, LauncherSettings settings, PrintStream out) {
        this.stack = stack;
        this.settings = settings;
        this.out = out;
    }

    static LocalSession start(LauncherSettings settings, PrintStream out) {
        out.println("Starting Conveyor (Kafka broker, schema registry, warehouse, scheduler, extractor, transformer, loader)...");
        out.flush();
        long started = System.nanoTime();
        LocalSession session = new LocalSession(LocalStack.start(settings), settings, out);
        Runtime.getRuntime().addShutdownHook(new Thread(session::close, "conveyor-shutdown"));
        out.printf("Conveyor started in %.1f s%n", (System.nanoTime() - started) / 1e9);
        out.println("Kafka bootstrap servers: " + session.stack.bootstrapServers());
        out.println("Schema Registry: " + session.stack.registryUrl());
        for (EmbeddedService service : session.stack.services()) {
            out.println("Service " + service.name() + ": " + service.url() + " (health: " + service.url() + "/health)");
        }
        out.println("Warehouse (DuckDB): " + settings.warehouse());
        out.println("Data directory: " + settings.dataDirectory());
        out.println("Logs: " + settings.logFile());
        out.flush();
        return session;
    }

    SchedulerClient scheduler() {
        return new SchedulerClient(stack.service("scheduler").url());
    }

    String bootstrapServers() {
        return stack.bootstrapServers();
    }

    String registryUrl() {
        return stack.registryUrl();
    }

    LauncherSettings settings() {
        return settings;
    }

    /** Blocks until Ctrl-C (or SIGTERM) has stopped the stack. */
    void keepRunning() throws InterruptedException {
        out.println("Conveyor is running; press Ctrl-C to stop.");
        out.flush();
        stopped.await();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        out.println("Stopping Conveyor...");
        stack.close();
        out.println("Conveyor stopped.");
        out.flush();
        stopped.countDown();
    }
}
