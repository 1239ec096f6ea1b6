package io.conveyor.dataplane.health;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * What one loop of a service (a task worker, a command or control-plane consumer) tells the health
 * probes. The loop {@link #beat() beats} each time it comes round to poll, says when it has
 * {@link #joined() joined} its consumer group (or been assigned its partitions), and ends either
 * normally ({@link #ended()}: stopped, or its task failed and was reported FAILED) or by
 * {@link #died(Throwable) dying}: something escaped it that nobody handled. A loop that owns no work
 * says so ({@link #idle()}) and cannot be stuck. Written by the loop's thread, read by the probes.
 */
public final class LoopHeartbeat {

    private final String name;
    private final boolean mustJoin;
    private final LongSupplier nanoTime;
    private final Runnable onEnd;
    private volatile long lastBeat;
    private volatile boolean busy;
    private volatile boolean joined;
    private volatile boolean ended;
    private volatile Throwable death;

    LoopHeartbeat(String name, boolean mustJoin, LongSupplier nanoTime, Runnable onEnd) {
        this.name = name;
        this.mustJoin = mustJoin;
        this.nanoTime = nanoTime;
        this.onEnd = onEnd;
        this.lastBeat = nanoTime.getAsLong();
        this.busy = true;
    }

    /** A heartbeat that belongs to no {@link ServiceHealth}: for loops run without probes (tests, tools). */
    public static LoopHeartbeat unwatched(String name) {
        return new LoopHeartbeat(name, false, System::nanoTime, () -> {
        });
    }

    public String name() {
        return name;
    }

    /** The loop came round: it is about to poll (or finished a batch) and owns work. */
    public void beat() {
        lastBeat = nanoTime.getAsLong();
        busy = true;
    }

    /** The loop owns no work now (it waits for a command): however long it waits, it is not stuck. */
    public void idle() {
        busy = false;
    }

    /** The loop's consumer joined its group (its first assignment arrived, even an empty one). */
    public void joined() {
        joined = true;
    }

    /** The loop returned on its own terms: stopped, or its task failed and was reported. */
    public void ended() {
        if (!ended) {
            ended = true;
            onEnd.run();
        }
    }

    /** Something escaped the loop: the thread is gone and the work it owned is left undone. */
    public void died(Throwable cause) {
        death = cause;
        ended();
    }

    Optional<Throwable> death() {
        return Optional.ofNullable(death);
    }

    boolean waitingToJoin() {
        return mustJoin && !joined && !ended;
    }

    /** How long the loop has not come round while it owns work; empty when it is idle or over. */
    Optional<Duration> silentFor() {
        if (ended || !busy) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(nanoTime.getAsLong() - lastBeat));
    }
}
