package io.conveyor.dataplane;

import io.conveyor.dataplane.health.LoopHeartbeat;
import io.conveyor.dataplane.health.ServiceHealth;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task workers of a service instance, one thread each, by task. A worker that stops on its
 * own (it failed) leaves the pool, so the task's next command starts a fresh one. Each worker's
 * loop is watched by the instance's {@link ServiceHealth}: a worker whose thread a throwable
 * escaped (an {@link Error} from a plug-in, say) has left its partitions and runs undone, and the
 * instance's liveness says so until it is restarted.
 */
public final class WorkerPool {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

    /** A loop that runs until {@link #stop()} asks it to finish its current batch and return. */
    public interface Worker extends Runnable {
        void stop();

        /**
         * Hands the worker its heartbeat before it runs: the loop beats each time it comes round to
         * poll and says when its consumer joined the group.
         */
        void watchedBy(LoopHeartbeat heartbeat);
    }

    private record Running(Worker worker, Thread thread) {
    }

    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final ServiceHealth health;

    public WorkerPool() {
        this(new ServiceHealth());
    }

    public WorkerPool(ServiceHealth health) {
        this.health = health;
    }

    /** Starts the worker {@code factory} makes, unless one is already running under {@code name}. */
    public synchronized void startIfAbsent(String name, Supplier<? extends Worker> factory) {
        if (running.containsKey(name)) {
            return;
        }
        Worker worker = factory.get();
        LoopHeartbeat heartbeat = health.watch(name, true);
        worker.watchedBy(heartbeat);
        Thread thread = new Thread(() -> {
            try {
                worker.run();
                heartbeat.ended();
            } catch (Throwable e) {
                LOG.error("worker {} died: {}; its task's work on this instance stays undone until the instance restarts",
                        name, e.toString(), e);
                heartbeat.died(e);
            } finally {
                running.remove(name);
            }
        }, name);
        running.put(name, new Running(worker, thread));
        thread.start();
    }

    /**
     * Asks every worker to stop (each finishes or aborts its current batch, then leaves its group)
     * and waits up to {@code patience} in all for them; answers whether every one stopped in time.
     */
    public boolean stopAll(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        List<Running> all = List.copyOf(running.values());
        all.forEach(each -> each.worker().stop());
        boolean stopped = true;
        for (Running each : all) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            each.thread().join(left);
            if (each.thread().isAlive()) {
                LOG.warn("worker {} did not stop within {}", each.thread().getName(), patience);
                stopped = false;
            }
        }
        return stopped;
    }
}
