package io.conveyor.dataplane.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TaskMetricsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TaskMetrics metrics = new DataPathMetrics(meters, "load").task("orders", "load");

    private double count(String outcome) {
        return meters.get(DataPathMetrics.RECORDS).tags("stage", "load", "pipeline", "orders", "task", "load", "outcome", outcome)
                .counter().count();
    }

    @Test
    void aCommittedBatchCountsWhatWentOutAsWhatCameInLessTheRejectedAndDropped() {
        metrics.pending(10, 2, 1);
        metrics.pending(5, 0, 0);

        metrics.committed(Duration.ofMillis(40));

        assertThat(count("in")).isEqualTo(15.0);
        assertThat(count("out")).isEqualTo(12.0);
        assertThat(count("rejected")).isEqualTo(2.0);
        assertThat(count("dropped")).isEqualTo(1.0);
        assertThat(meters.get(DataPathMetrics.BATCHES).timer().count()).isEqualTo(1);
        assertThat(meters.get(DataPathMetrics.BATCHES).timer().totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(40.0);
    }

    @Test
    void anAbortedBatchCountsNothingAndTheNextCommitOnlyItsOwnRecords() {
        metrics.pending(7, 1, 0);
        metrics.aborted();
        metrics.pending(3, 0, 0);

        metrics.committed(Duration.ofMillis(5));

        assertThat(count("in")).isEqualTo(3.0);
        assertThat(count("rejected")).isZero();
    }
}
