package io.conveyor.dataplane.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The record counters and batch timer of one task on this instance. Counts only what committed: a
 * worker adds what a transaction holds with {@link #pending} as it processes records, and
 * {@link #committed} moves it to the counters once the transaction commits ({@link #aborted}
 * forgets it), so a batch processed again after an abort or a crash is counted once, and the
 * counters of all instances add up to the run's counts. Used by one worker thread at a time.
 */
public final class TaskMetrics {

    private final Counter in;
    private final Counter out;
    private final Counter rejected;
    private final Counter dropped;
    private final Timer batches;
    private long pendingIn;
    private long pendingRejected;
    private long pendingDropped;

    TaskMetrics(MeterRegistry registry, Tags tags) {
        this.in = counter(registry, tags, "in");
        this.out = counter(registry, tags, "out");
        this.rejected = counter(registry, tags, "rejected");
        this.dropped = counter(registry, tags, "dropped");
        this.batches = Timer.builder(DataPathMetrics.BATCHES).tags(tags)
                .description("Committed batches (Kafka or database transactions) of the task and their duration")
                .register(registry);
    }

    private static Counter counter(MeterRegistry registry, Tags tags, String outcome) {
        return Counter.builder(DataPathMetrics.RECORDS).tags(tags).tag("outcome", outcome)
                .description("Records of the task by outcome: in = out + rejected + dropped, counted when committed")
                .register(registry);
    }

    /**
     * Records of the open transaction: {@code in} arrived, of which {@code rejected} went to the
     * dead-letter topic and {@code dropped} were removed on purpose; the rest went out.
     */
    public void pending(long in, long rejected, long dropped) {
        pendingIn += in;
        pendingRejected += rejected;
        pendingDropped += dropped;
    }

    /** The open transaction committed after {@code took}: its records count. */
    public void committed(Duration took) {
        if (pendingIn > 0) {
            in.increment(pendingIn);
            out.increment(pendingIn - pendingRejected - pendingDropped);
            rejected.increment(pendingRejected);
            dropped.increment(pendingDropped);
        }
        batches.record(took);
        forget();
    }

    /** The open transaction was aborted: its records will be processed, and counted, again. */
    public void aborted() {
        forget();
    }

    private void forget() {
        pendingIn = 0;
        pendingRejected = 0;
        pendingDropped = 0;
    }
}
