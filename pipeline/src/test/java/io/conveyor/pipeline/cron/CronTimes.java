package io.conveyor.pipeline.cron;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/** Fire times rendered as ISO offset date-times, which show both the wall clock and the offset. */
final class CronTimes {

    private CronTimes() {
    }

    static List<String> next(String expression, String afterIso, String zone, int count) {
        ZoneId zoneId = ZoneId.of(zone);
        return CronSchedule.parse(expression)
                .nextN(OffsetDateTime.parse(afterIso).toInstant(), zoneId, count)
                .stream()
                .map(time -> time.toOffsetDateTime().toString())
                .toList();
    }

    static List<String> utc(String expression, String afterIso, int count) {
        return next(expression, afterIso, "UTC", count);
    }
}
