package io.conveyor.scheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.load.PipelineLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScheduleCalculatorTest {

    private static final Instant T0 = Instant.parse("2026-03-10T10:00:00Z");
    private final ScheduleCalculator calculator = new ScheduleCalculator(Duration.ofSeconds(10));

    @Test
    void firesTheCurrentMinuteWhenItIsOnTime() {
        FirePlan plan = calculator.due(Pipelines.spec("* * * * *", "UTC", "none", 100), T0, T0.plusSeconds(61));

        assertThat(plan.fireTimes()).containsExactly(T0.plusSeconds(60));
        assertThat(plan.scheduledThrough()).contains(T0.plusSeconds(60));
    }

    @Test
    void nothingIsDueBeforeTheNextFireTime() {
        FirePlan plan = calculator.due(Pipelines.spec("* * * * *", "UTC", "all", 100), T0, T0.plusSeconds(59));

        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.fireTimes()).isEmpty();
    }

    @Test
    void aFireTimeExactlyNowIsDue() {
        FirePlan plan = calculator.due(Pipelines.spec("*/5 * * * *", "UTC", "none", 100), T0, T0.plusSeconds(300));

        assertThat(plan.fireTimes()).containsExactly(T0.plusSeconds(300));
    }

    @Test
    void pipelineWithoutScheduleIsNeverDue() throws Exception {
        PipelineSpec manual = PipelineLoader.parse("""
                name: manual
                tasks:
                  - {id: a, kind: sql, sql: select 1}
                """, "manual.yaml");

        assertThat(calculator.due(manual, T0, T0.plus(Duration.ofDays(3))).isEmpty()).isTrue();
    }

    @Test
    void catchupNoneSkipsMissedTimesButMarksThemDealtWith() {
        FirePlan plan = calculator.due(Pipelines.spec("* * * * *", "UTC", "none", 100), T0, T0.plusSeconds(5 * 60 + 30));

        assertThat(plan.fireTimes()).isEmpty();
        assertThat(plan.scheduledThrough()).contains(T0.plusSeconds(300));
        assertThat(plan.isEmpty()).isFalse();
    }

    @Test
    void catchupLatestFiresOnlyTheMostRecentMissedTime() {
        FirePlan plan = calculator.due(Pipelines.spec("* * * * *", "UTC", "latest", 100), T0, T0.plusSeconds(5 * 60 + 30));

        assertThat(plan.fireTimes()).containsExactly(T0.plusSeconds(300));
    }

    @Test
    void catchupAllFiresEveryMissedTimeOldestFirst() {
        FirePlan plan = calculator.due(Pipelines.spec("* * * * *", "UTC", "all", 100), T0, T0.plusSeconds(5 * 60 + 30));

        assertThat(plan.fireTimes()).containsExactly(minutes(1), minutes(2), minutes(3), minutes(4), minutes(5));
    }

    @Test
    void catchupAllKeepsOnlyTheMostRecentMaxCatchupRuns() {
        FirePlan plan = calculator.due(Pipelines.spec("* * * * *", "UTC", "all", 3), T0, T0.plus(Duration.ofDays(30)).plusSeconds(30));

        Instant last = T0.plus(Duration.ofDays(30));
        assertThat(plan.fireTimes()).containsExactly(last.minusSeconds(120), last.minusSeconds(60), last);
        assertThat(plan.scheduledThrough()).contains(last);
    }

    @Test
    void onTimeFireTimeIsFiredBesideTheBoundedCatchup() {
        FirePlan plan = calculator.due(Pipelines.spec("* * * * *", "UTC", "all", 2), T0, minutes(10).plusSeconds(3));

        assertThat(plan.fireTimes()).containsExactly(minutes(8), minutes(9), minutes(10));
    }

    @Test
    void catchupLatestWithOnlyAnOnTimeFireTimeFiresItOnce() {
        FirePlan plan = calculator.due(Pipelines.spec("* * * * *", "UTC", "latest", 100), T0, minutes(1).plusSeconds(2));

        assertThat(plan.fireTimes()).containsExactly(minutes(1));
    }

    @Test
    void springForwardGapFiresOnceWhenTheGapEnds() {
        // Europe/Berlin skips 02:00-03:00 local on 2026-03-29 (01:00Z).
        Instant before = Instant.parse("2026-03-28T12:00:00Z");
        Instant now = Instant.parse("2026-03-29T01:00:05Z");

        FirePlan plan = calculator.due(Pipelines.spec("30 2 * * *", "Europe/Berlin", "none", 100), before, now);

        assertThat(plan.fireTimes()).containsExactly(Instant.parse("2026-03-29T01:00:00Z"));
    }

    @Test
    void fallBackOverlapFiresAFixedTimeOnceAndAWildcardTimeTwice() {
        // Europe/Berlin repeats 02:00-03:00 local on 2026-10-25 (CEST until 01:00Z, then CET).
        Instant before = Instant.parse("2026-10-24T22:00:00Z");
        Instant after = Instant.parse("2026-10-25T03:00:00Z");

        FirePlan fixed = calculator.due(Pipelines.spec("30 2 * * *", "Europe/Berlin", "all", 100), before, after);
        FirePlan hourly = calculator.due(Pipelines.spec("30 * * * *", "Europe/Berlin", "all", 100), before, after);

        assertThat(fixed.fireTimes()).containsExactly(Instant.parse("2026-10-25T00:30:00Z"));
        assertThat(hourly.fireTimes()).containsExactly(
                Instant.parse("2026-10-24T22:30:00Z"), Instant.parse("2026-10-24T23:30:00Z"),
                Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-25T01:30:00Z"),
                Instant.parse("2026-10-25T02:30:00Z"));
    }

    @Test
    void followsThePipelineTimezone() {
        Instant before = Instant.parse("2026-07-01T00:00:00Z");

        FirePlan plan = calculator.due(Pipelines.spec("0 9 * * *", "America/New_York", "all", 100), before,
                Instant.parse("2026-07-01T13:00:00Z"));

        assertThat(plan.fireTimes()).containsExactly(Instant.parse("2026-07-01T13:00:00Z"));
    }

    @Test
    void nowNotAfterLastScheduledIsNothingDue() {
        assertThat(calculator.due(Pipelines.spec("* * * * *", "UTC", "all", 100), minutes(5), minutes(5)))
                .isEqualTo(new FirePlan(List.of(), Optional.empty()));
    }

    private static Instant minutes(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }
}
