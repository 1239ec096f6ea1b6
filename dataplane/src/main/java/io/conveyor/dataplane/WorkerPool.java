package io.conveyor.dataplane;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The task workers of a service instance, one thread each, by task. A worker that stops on its
 * own (it failed) leaves the pool, so the task's next command starts a fresh one.
 */
public final class WorkerPool {

    /** A loop that runs until {@link #stop()} asks it to finish its current batch and return. */
    public interface Worker extends Runnable {
        void stop();
    }

    private record Running(Worker worker, Thread thread) {
    }

    private final Map<String, Running> running = new ConcurrentHashMap<>();

    /** Starts the worker {@code factory} makes, unless one is already running under {@code name}. */
    public synchronized void startIfAbsent(String name, Supplier<? extends Worker> factory) {
        if (running.containsKey(name)) {
            return;
        }
        Worker worker = factory.get();
        Thread thread = new Thread(() -> {
            try {
                worker.run();
            } finally {
                running.remove(name);
            }
        }, name);
        running.put(name, new Running(worker, thread));
        thread.start();
    }

    /** Asks every worker to stop and waits up to {@code patience} for each to finish its batch. */
    public void stopAll(Duration patience) throws InterruptedException {
        List<Running> all = List.copyOf(running.values());
        all.forEach(each -> each.worker().stop());
        for (Running each : all) {
            each.thread().join(patience.toMillis());
        }
    }
}
