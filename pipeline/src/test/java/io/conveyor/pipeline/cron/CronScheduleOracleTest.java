package io.conveyor.pipeline.cron;

import static org.assertj.core.api.Assertions.assertThat;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Compares fire times in UTC with cron-utils' UNIX definition, an independent implementation. */
class CronScheduleOracleTest {

    private static final int FIRINGS = 60;
    private static final List<Instant> STARTS = List.of(
            Instant.parse("2024-01-01T00:00:00Z"),
            Instant.parse("2023-02-27T23:59:30Z"),
            Instant.parse("2025-12-31T23:58:00Z"));

    private static final com.cronutils.parser.CronParser ORACLE =
            new com.cronutils.parser.CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    @ParameterizedTest
    @ValueSource(strings = {
            "* * * * *", "*/5 * * * *", "0 * * * *", "15 */2 * * *", "0 0 * * *", "30 2 * * *",
            "0 9-17 * * 1-5", "0 9-17/2 * * MON-FRI", "*/10 8-18 * * *", "0 0 1 * *", "0 0 15 * *",
            "0 12 1,15 * *", "0 0 * * 0", "0 0 * * 7", "0 0 * * SUN", "0 6 * * SAT,SUN", "5 4 * * sun",
            "0 22 * * 1-5", "23 0-20/2 * * *", "0 0,12 1 */2 *", "0 4 8-14 * *", "0 0 1 1 *",
            "0 0 1 JAN,JUL *", "0 0 31 * *", "0 0 29 2 *", "0 0 30 * *", "45 23 * * 6", "0 */3 * * *",
            "1-59/2 * * * *", "5/10 * * * *", "0 8 * JAN-MAR MON", "0 0 */10 * *", "0 0 * 6-8 *",
            "0 12 * * 2,4", "*/30 9-17 * * 1-5", "0 0 1-10/3 * *", "59 23 31 12 *", "0 0 1 */3 *",
            "10,20,30 * * * *", "0 18 * * fri", "0 0 13 * 5", "30 8 1 * 1", "0 0 1,15 * 3"})
    void agreesWithCronUtils(String expression) {
        CronSchedule schedule = CronSchedule.parse(expression);
        ExecutionTime oracle = ExecutionTime.forCron(ORACLE.parse(expression));
        for (Instant start : STARTS) {
            assertThat(schedule.nextN(start, ZoneOffset.UTC, FIRINGS))
                    .as("%s after %s", expression, start)
                    .containsExactlyElementsOf(oracleFirings(oracle, start.atZone(ZoneOffset.UTC)));
        }
    }

    private static List<ZonedDateTime> oracleFirings(ExecutionTime oracle, ZonedDateTime start) {
        List<ZonedDateTime> firings = new ArrayList<>();
        ZonedDateTime time = start;
        while (firings.size() < FIRINGS) {
            time = oracle.nextExecution(time).orElseThrow();
            firings.add(time);
        }
        return firings;
    }
}
