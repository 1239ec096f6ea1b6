package io.conveyor.pipeline.cron;

import static io.conveyor.pipeline.cron.CronTimes.utc;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronScheduleTest {

    private static final String NEW_YEAR_2024 = "2024-01-01T00:00Z";

    @Test
    void monthAndWeekdayNamesAreCaseInsensitive() {
        assertThat(utc("0 9 * feb Sat", NEW_YEAR_2024, 3))
                .containsExactly("2024-02-03T09:00Z", "2024-02-10T09:00Z", "2024-02-17T09:00Z");
        assertThat(utc("0 0 1 JAN,jul *", NEW_YEAR_2024, 2))
                .containsExactly("2024-07-01T00:00Z", "2025-01-01T00:00Z");
    }

    @ParameterizedTest
    @CsvSource({"0 0 * * 0", "0 0 * * 7", "0 0 * * SUN", "0 0 * * sun"})
    void sundayIsZeroSevenOrSun(String expression) {
        assertThat(utc(expression, NEW_YEAR_2024, 2)).containsExactly("2024-01-07T00:00Z", "2024-01-14T00:00Z");
    }

    @Test
    void weekdayRangeEndingInSevenIncludesSunday() {
        assertThat(utc("0 0 * * 6-7", NEW_YEAR_2024, 3))
                .containsExactly("2024-01-06T00:00Z", "2024-01-07T00:00Z", "2024-01-13T00:00Z");
    }

    @Test
    void steps() {
        assertThat(utc("*/15 * * * *", NEW_YEAR_2024, 4))
                .containsExactly("2024-01-01T00:15Z", "2024-01-01T00:30Z", "2024-01-01T00:45Z", "2024-01-01T01:00Z");
        assertThat(utc("0 */6 * * *", NEW_YEAR_2024, 4))
                .containsExactly("2024-01-01T06:00Z", "2024-01-01T12:00Z", "2024-01-01T18:00Z", "2024-01-02T00:00Z");
    }

    @Test
    void stepFromAStartValueRunsToTheFieldMaximum() {
        assertThat(utc("50/5 * * * *", NEW_YEAR_2024, 3))
                .containsExactly("2024-01-01T00:50Z", "2024-01-01T00:55Z", "2024-01-01T01:50Z");
    }

    @Test
    void rangesWithSteps() {
        assertThat(utc("0 9-17/4 * * *", NEW_YEAR_2024, 4))
                .containsExactly("2024-01-01T09:00Z", "2024-01-01T13:00Z", "2024-01-01T17:00Z", "2024-01-02T09:00Z");
        assertThat(utc("0 0 1-30/10 * *", NEW_YEAR_2024, 3))
                .containsExactly("2024-01-11T00:00Z", "2024-01-21T00:00Z", "2024-02-01T00:00Z");
    }

    @Test
    void lists() {
        assertThat(utc("0,30 8,20 * * *", NEW_YEAR_2024, 5)).containsExactly(
                "2024-01-01T08:00Z", "2024-01-01T08:30Z", "2024-01-01T20:00Z", "2024-01-01T20:30Z", "2024-01-02T08:00Z");
    }

    @Test
    void restrictedDayOfMonthAndDayOfWeekMatchEither() {
        // January 2024: Fridays are the 5th, 12th, 19th and 26th; the 13th is a Saturday.
        assertThat(utc("0 0 13 * FRI", NEW_YEAR_2024, 6)).containsExactly(
                "2024-01-05T00:00Z", "2024-01-12T00:00Z", "2024-01-13T00:00Z",
                "2024-01-19T00:00Z", "2024-01-26T00:00Z", "2024-02-02T00:00Z");
    }

    @Test
    void dayOfMonthStartingWithStarMustMatchTogetherWithDayOfWeek() {
        // Fridays on odd days of the month.
        assertThat(utc("0 0 */2 * FRI", NEW_YEAR_2024, 4))
                .containsExactly("2024-01-05T00:00Z", "2024-01-19T00:00Z", "2024-02-09T00:00Z", "2024-02-23T00:00Z");
    }

    @Test
    void dayOfWeekStartingWithStarMustMatchTogetherWithDayOfMonth() {
        // First days of the month that fall on Sunday, Tuesday, Thursday or Saturday.
        assertThat(utc("0 0 1 * */2", NEW_YEAR_2024, 3))
                .containsExactly("2024-02-01T00:00Z", "2024-06-01T00:00Z", "2024-08-01T00:00Z");
    }

    @Test
    void leapDayFiresOnlyInLeapYears() {
        assertThat(utc("0 0 29 2 *", "2024-03-01T00:00Z", 2)).containsExactly("2028-02-29T00:00Z", "2032-02-29T00:00Z");
        assertThat(utc("0 0 29 2 *", "2096-03-01T00:00Z", 1)).containsExactly("2104-02-29T00:00Z");
    }

    @Test
    void rareCombinationsAreFoundDecadesAhead() {
        // February 29th that is also a Sunday.
        assertThat(utc("0 0 29 2 */7", NEW_YEAR_2024, 2)).containsExactly("2032-02-29T00:00Z", "2060-02-29T00:00Z");
    }

    @Test
    void thirtyFirstSkipsShortMonths() {
        assertThat(utc("0 0 31 * *", "2024-01-31T00:00Z", 6)).containsExactly(
                "2024-03-31T00:00Z", "2024-05-31T00:00Z", "2024-07-31T00:00Z",
                "2024-08-31T00:00Z", "2024-10-31T00:00Z", "2024-12-31T00:00Z");
    }

    @ParameterizedTest
    @CsvSource({
            "@yearly, 2025-01-01T00:00Z",
            "@annually, 2025-01-01T00:00Z",
            "@monthly, 2024-02-01T00:00Z",
            "@weekly, 2024-01-07T00:00Z",
            "@daily, 2024-01-02T00:00Z",
            "@midnight, 2024-01-02T00:00Z",
            "@hourly, 2024-01-01T01:00Z",
            "@DAILY, 2024-01-02T00:00Z"})
    void macros(String macro, String expected) {
        assertThat(utc(macro, NEW_YEAR_2024, 1)).containsExactly(expected);
    }

    @Test
    void nextIsStrictlyAfterTheGivenInstant() {
        assertThat(utc("0 12 * * *", "2024-01-01T12:00Z", 1)).containsExactly("2024-01-02T12:00Z");
        assertThat(utc("0 12 * * *", "2024-01-01T11:59:59.999Z", 1)).containsExactly("2024-01-01T12:00Z");
    }

    @Test
    void betweenIsExclusiveAtTheStartAndInclusiveAtTheEnd() {
        CronSchedule hourly = CronSchedule.parse("0 * * * *");
        assertThat(hourly.between(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-01T03:00:00Z"), ZoneOffset.UTC)
                .map(ZonedDateTime::toInstant))
                .containsExactly(Instant.parse("2024-01-01T01:00:00Z"), Instant.parse("2024-01-01T02:00:00Z"),
                        Instant.parse("2024-01-01T03:00:00Z"));
    }

    @Test
    void betweenIsLazySoAHugeRangeCanBeBounded() {
        CronSchedule everyMinute = CronSchedule.parse("* * * * *");
        assertThat(everyMinute.between(Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2100-01-01T00:00:00Z"), ZoneOffset.UTC)
                .limit(3)).hasSize(3);
    }

    @Test
    void expressionIsKeptAndDefinesEquality() {
        CronSchedule schedule = CronSchedule.parse("  0 2 * * *  ");
        assertThat(schedule.expression()).isEqualTo("0 2 * * *");
        assertThat(schedule).isEqualTo(CronSchedule.parse("0 2 * * *")).hasToString("0 2 * * *");
        assertThat(schedule).isNotEqualTo(CronSchedule.parse("0 3 * * *"));
    }
}
