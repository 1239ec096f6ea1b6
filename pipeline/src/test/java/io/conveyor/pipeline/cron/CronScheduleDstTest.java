package io.conveyor.pipeline.cron;

import static io.conveyor.pipeline.cron.CronTimes.next;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The DST policy documented on {@link CronSchedule}. */
class CronScheduleDstTest {

    private static final String NEW_YORK = "America/New_York";
    private static final String BERLIN = "Europe/Berlin";
    private static final String SYDNEY = "Australia/Sydney";

    /** 2024-03-10: 02:00 EST jumps to 03:00 EDT. 2024-11-03: 02:00 EDT falls back to 01:00 EST. */
    @Nested
    class NewYork {

        @Test
        void timeInTheGapFiresOnceWhenTheGapEnds() {
            assertThat(next("30 2 * * *", "2024-03-09T12:00-05:00", NEW_YORK, 2))
                    .containsExactly("2024-03-10T03:00-04:00", "2024-03-11T02:30-04:00");
        }

        @Test
        void severalTimesInTheGapCollapseIntoOneFiring() {
            assertThat(next("*/15 2-3 * * *", "2024-03-10T00:00-05:00", NEW_YORK, 4)).containsExactly(
                    "2024-03-10T03:00-04:00", "2024-03-10T03:15-04:00", "2024-03-10T03:30-04:00", "2024-03-10T03:45-04:00");
        }

        @Test
        void hourlyScheduleSkipsNothingButTheMissingHour() {
            assertThat(next("0 * * * *", "2024-03-10T00:30-05:00", NEW_YORK, 3))
                    .containsExactly("2024-03-10T01:00-05:00", "2024-03-10T03:00-04:00", "2024-03-10T04:00-04:00");
        }

        @Test
        void fixedTimeInTheOverlapFiresOnceAtTheEarlierOffset() {
            assertThat(next("30 1 * * *", "2024-11-02T12:00-04:00", NEW_YORK, 2))
                    .containsExactly("2024-11-03T01:30-04:00", "2024-11-04T01:30-05:00");
            assertThat(next("0 1 * * *", "2024-11-02T12:00-04:00", NEW_YORK, 2))
                    .containsExactly("2024-11-03T01:00-04:00", "2024-11-04T01:00-05:00");
        }

        @Test
        void fixedTimeIsNotRepeatedWhenAskedFromInsideTheSecondPass() {
            assertThat(next("30 1 * * *", "2024-11-03T01:10-05:00", NEW_YORK, 1)).containsExactly("2024-11-04T01:30-05:00");
        }

        @Test
        void hourlyScheduleFiresAtBothInstantsOfTheRepeatedHour() {
            assertThat(next("30 * * * *", "2024-11-03T00:00-04:00", NEW_YORK, 4)).containsExactly(
                    "2024-11-03T00:30-04:00", "2024-11-03T01:30-04:00", "2024-11-03T01:30-05:00", "2024-11-03T02:30-05:00");
        }

        @Test
        void minuteStepsKeepFollowingElapsedTimeThroughTheOverlap() {
            assertThat(next("*/20 * * * *", "2024-11-03T01:30-04:00", NEW_YORK, 5)).containsExactly(
                    "2024-11-03T01:40-04:00", "2024-11-03T01:00-05:00", "2024-11-03T01:20-05:00",
                    "2024-11-03T01:40-05:00", "2024-11-03T02:00-05:00");
        }

        @Test
        void askingFromInsideTheSecondPassContinuesTheSecondPass() {
            assertThat(next("*/20 * * * *", "2024-11-03T01:10-05:00", NEW_YORK, 2))
                    .containsExactly("2024-11-03T01:20-05:00", "2024-11-03T01:40-05:00");
        }

        @Test
        void fallBackDayHasTwentyFiveHourlyFiringsAndSpringDayTwentyThree() {
            assertThat(hourlyFiringsOnLocalDay("2024-11-03T00:00-04:00", "2024-11-04T00:00-05:00")).hasSize(25);
            assertThat(hourlyFiringsOnLocalDay("2024-03-10T00:00-05:00", "2024-03-11T00:00-04:00")).hasSize(23);
        }

        private List<Instant> hourlyFiringsOnLocalDay(String start, String end) {
            List<Instant> firings = CronSchedule.parse("0 * * * *")
                    .between(OffsetDateTime.parse(start).toInstant(), OffsetDateTime.parse(end).toInstant(), ZoneId.of(NEW_YORK))
                    .map(ZonedDateTime::toInstant)
                    .toList();
            assertThat(firings).doesNotHaveDuplicates().isSorted();
            return firings;
        }
    }

    /** 2024-03-31: 02:00 CET jumps to 03:00 CEST. 2024-10-27: 03:00 CEST falls back to 02:00 CET. */
    @Nested
    class Berlin {

        @Test
        void timeInTheGapFiresOnceWhenTheGapEnds() {
            assertThat(next("30 2 * * *", "2024-03-30T12:00+01:00", BERLIN, 2))
                    .containsExactly("2024-03-31T03:00+02:00", "2024-04-01T02:30+02:00");
        }

        @Test
        void fixedTimeInTheOverlapFiresOnceAtTheEarlierOffset() {
            assertThat(next("30 2 * * *", "2024-10-26T12:00+02:00", BERLIN, 2))
                    .containsExactly("2024-10-27T02:30+02:00", "2024-10-28T02:30+01:00");
        }

        @Test
        void hourlyScheduleFiresAtBothInstantsOfTheRepeatedHour() {
            assertThat(next("15 * * * *", "2024-10-27T01:00+02:00", BERLIN, 4)).containsExactly(
                    "2024-10-27T01:15+02:00", "2024-10-27T02:15+02:00", "2024-10-27T02:15+01:00", "2024-10-27T03:15+01:00");
        }
    }

    /** Southern hemisphere. 2024-04-07: 03:00 AEDT falls back to 02:00 AEST. 2024-10-06: 02:00 AEST jumps to 03:00 AEDT. */
    @Nested
    class Sydney {

        @Test
        void timeInTheGapFiresOnceWhenTheGapEnds() {
            assertThat(next("30 2 * * *", "2024-10-05T12:00+10:00", SYDNEY, 2))
                    .containsExactly("2024-10-06T03:00+11:00", "2024-10-07T02:30+11:00");
        }

        @Test
        void fixedTimeInTheOverlapFiresOnceAtTheEarlierOffset() {
            assertThat(next("30 2 * * *", "2024-04-06T12:00+11:00", SYDNEY, 2))
                    .containsExactly("2024-04-07T02:30+11:00", "2024-04-08T02:30+10:00");
        }
    }

    @Nested
    class Kolkata {

        @Test
        void zoneWithoutDstFiresEveryTwentyFourHoursAllYear() {
            List<ZonedDateTime> firings = CronSchedule.parse("30 2 * * *")
                    .nextN(Instant.parse("2023-12-31T12:00:00Z"), ZoneId.of("Asia/Kolkata"), 366);
            assertThat(firings.get(0)).hasToString("2024-01-01T02:30+05:30[Asia/Kolkata]");
            for (int i = 1; i < firings.size(); i++) {
                assertThat(Duration.between(firings.get(i - 1), firings.get(i))).isEqualTo(Duration.ofHours(24));
            }
        }
    }

    @Test
    void everyMinuteThroughAWholeYearOfTransitionsNeverRepeatsOrGoesBackwards() {
        List<Instant> firings = CronSchedule.parse("*/7 * * * *")
                .between(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"), ZoneId.of(BERLIN))
                .map(ZonedDateTime::toInstant)
                .toList();
        assertThat(firings).isSorted().doesNotHaveDuplicates();
        for (int i = 1; i < firings.size(); i++) {
            assertThat(Duration.between(firings.get(i - 1), firings.get(i))).isLessThanOrEqualTo(Duration.ofMinutes(7));
        }
    }
}
