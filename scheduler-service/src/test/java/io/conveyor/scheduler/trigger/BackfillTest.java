package io.conveyor.scheduler.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.load.PipelineLoader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackfillTest {

    private final Backfill backfill = new Backfill(100);

    @Test
    void coversTheFireTimesOfTheRangeBothEndsIncluded() throws Exception {
        PipelineSpec hourly = spec("0 * * * *");

        assertThat(backfill.fireTimes(hourly, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T03:00:00Z")))
                .containsExactly(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T01:00:00Z"),
                        Instant.parse("2026-01-01T02:00:00Z"), Instant.parse("2026-01-01T03:00:00Z"));
    }

    @Test
    void rangeWithoutFireTimesIsEmpty() throws Exception {
        assertThat(backfill.fireTimes(spec("0 0 * * *"), Instant.parse("2026-01-01T01:00:00Z"),
                Instant.parse("2026-01-01T23:00:00Z"))).isEmpty();
    }

    @Test
    void refusesRangesWithMoreFireTimesThanTheBound() throws Exception {
        PipelineSpec minutely = spec("* * * * *");
        Instant from = Instant.parse("2026-01-01T00:00:00Z");

        assertThat(backfill.fireTimes(minutely, from, from.plusSeconds(99 * 60))).hasSize(100);
        assertThatThrownBy(() -> backfill.fireTimes(minutely, from, from.plusSeconds(100 * 60)))
                .isInstanceOfSatisfying(InvalidTriggerException.class, e -> assertThat(e.field()).isEqualTo("to"))
                .hasMessageContaining("more than 100");
    }

    @Test
    void refusesReversedRangesAndUnscheduledPipelines() throws Exception {
        Instant from = Instant.parse("2026-01-02T00:00:00Z");
        PipelineSpec manual = PipelineLoader.parse("name: manual\ntasks:\n  - {id: a, kind: sql, sql: select 1}\n", "m.yaml");

        assertThatThrownBy(() -> backfill.fireTimes(spec("@daily"), from, from.minusSeconds(1)))
                .isInstanceOfSatisfying(InvalidTriggerException.class, e -> assertThat(e.field()).isEqualTo("to"));
        assertThatThrownBy(() -> backfill.fireTimes(manual, from, from.plusSeconds(3600)))
                .isInstanceOfSatisfying(InvalidTriggerException.class, e -> assertThat(e.field()).isEqualTo("pipeline"));
    }

    private static PipelineSpec spec(String schedule) throws Exception {
        return PipelineLoader.parse("""
                name: hourly
                schedule: "%s"
                tasks:
                  - {id: a, kind: sql, sql: select 1}
                """.formatted(schedule), "hourly.yaml");
    }
}
