package io.conveyor.dataplane.health;

import io.conveyor.dataplane.failure.FailurePolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The health of one service instance, from its loops and the dependencies it needs. Kubernetes acts
 * on two questions, and they have different answers:
 * <ul>
 *   <li><b>liveness</b> (restart me?): down when a loop died (a throwable escaped its thread, so the
 *   work it owned is left undone until the instance restarts: a death is never forgotten) or is
 *   stuck (it owns work and has not come round to poll for longer than the bound);</li>
 *   <li><b>readiness</b> (count me in?): down while a loop has not yet joined its consumer group and
 *   while Kafka or the schema registry does not answer.</li>
 * </ul>
 * A long poll of an idle consumer is not stuck: the loops poll with a short timeout and beat each
 * time round.
 */
public final class ServiceHealth {

    private final LongSupplier nanoTime;
    private final Map<String, LoopHeartbeat> running = new ConcurrentHashMap<>();
    private final Map<String, LoopHeartbeat> dead = new ConcurrentHashMap<>();
    private final List<DependencyMonitor> dependencies = new ArrayList<>();

    public ServiceHealth() {
        this(System::nanoTime);
    }

    ServiceHealth(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * Watches a loop from now on; a loop of the same name that ended is replaced.
     *
     * @param mustJoin the loop consumes in a group (or by assignment) and the instance is not ready before it joined
     */
    public LoopHeartbeat watch(String name, boolean mustJoin) {
        LoopHeartbeat[] created = new LoopHeartbeat[1];
        created[0] = new LoopHeartbeat(name, mustJoin, nanoTime, () -> {
            LoopHeartbeat self = created[0];
            running.remove(name, self);
            self.death().ifPresent(cause -> dead.put(name, self));
        });
        running.put(name, created[0]);
        return created[0];
    }

    /** Readiness also waits for these to answer. */
    public synchronized void dependsOn(DependencyMonitor monitor) {
        dependencies.add(monitor);
    }

    /** Down when a loop died or has been silent for longer than {@code stuckAfter} while it owns work. */
    public HealthVerdict liveness(Duration stuckAfter) {
        Map<String, String> problems = new TreeMap<>();
        Map<String, String> fine = new TreeMap<>();
        dead.forEach((name, loop) -> problems.put(name, "died: " + FailurePolicy.describe(loop.death().orElseThrow())));
        running.forEach((name, loop) -> {
            Optional<Duration> silent = loop.silentFor();
            if (silent.isPresent() && silent.get().compareTo(stuckAfter) > 0) {
                problems.put(name, "stuck: has not come round to poll for " + seconds(silent.get())
                        + " (bound " + seconds(stuckAfter) + ")");
            } else {
                fine.put(name, silent.isPresent() ? "running" : "idle");
            }
        });
        return HealthVerdict.of(problems, fine);
    }

    /** Down while a loop has not joined its consumer group or a dependency does not answer. */
    public synchronized HealthVerdict readiness() {
        Map<String, String> problems = new TreeMap<>();
        Map<String, String> fine = new TreeMap<>();
        running.forEach((name, loop) -> {
            if (loop.waitingToJoin()) {
                problems.put(name, "has not joined its consumer group yet");
            } else {
                fine.put(name, "joined");
            }
        });
        for (DependencyMonitor monitor : dependencies) {
            monitor.problems().forEach((name, problem) -> problems.put(name, problem));
            monitor.answering().forEach(name -> fine.put(name, "reachable"));
        }
        return HealthVerdict.of(problems, fine);
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + " s";
    }
}
