package io.conveyor.pipeline.cron;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The calendar side of a schedule: which local date-times (to the minute) match. Each field is a
 * bit mask indexed by value; day-of-week uses 0 for Sunday.
 *
 * @param eitherDay    both day fields are restricted, so a day matches when either matches
 * @param wildcardTime the minute or hour field starts with {@code *}: the schedule follows elapsed
 *                     time rather than a fixed wall-clock time (this drives the DST overlap policy)
 */
record CronPattern(long minutes, long hours, long daysOfMonth, long months, long daysOfWeek,
                   boolean eitherDay, boolean wildcardTime) {

    /**
     * The Gregorian calendar, weekdays included, repeats every 400 years, so a pattern that has not
     * matched within that horizon never will.
     */
    private static final int HORIZON_YEARS = 401;

    /** The first matching minute strictly after {@code from}, or empty past the horizon. */
    Optional<LocalDateTime> nextAfter(LocalDateTime from) {
        LocalDateTime t = from.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        int lastYear = Math.min(t.getYear() + HORIZON_YEARS, LocalDate.MAX.getYear() - 1);
        while (t.getYear() <= lastYear) {
            int month = nextSet(months, t.getMonthValue());
            if (month != t.getMonthValue()) {
                t = month < 0 ? firstOfYear(t.getYear() + 1) : LocalDate.of(t.getYear(), month, 1).atStartOfDay();
            } else if (!matchesDay(t.toLocalDate())) {
                t = t.toLocalDate().plusDays(1).atStartOfDay();
            } else {
                Optional<LocalDateTime> time = timeOnOrAfter(t);
                if (time.isPresent()) {
                    return time;
                }
                t = t.toLocalDate().plusDays(1).atStartOfDay();
            }
        }
        return Optional.empty();
    }

    private Optional<LocalDateTime> timeOnOrAfter(LocalDateTime t) {
        for (int hour = nextSet(hours, t.getHour()); hour >= 0; hour = nextSet(hours, hour + 1)) {
            int minute = nextSet(minutes, hour == t.getHour() ? t.getMinute() : 0);
            if (minute >= 0) {
                return Optional.of(t.withHour(hour).withMinute(minute));
            }
        }
        return Optional.empty();
    }

    private boolean matchesDay(LocalDate date) {
        boolean dayOfMonth = isSet(daysOfMonth, date.getDayOfMonth());
        boolean dayOfWeek = isSet(daysOfWeek, date.getDayOfWeek().getValue() % 7);
        return eitherDay ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek;
    }

    private static LocalDateTime firstOfYear(int year) {
        return LocalDate.of(year, 1, 1).atStartOfDay();
    }

    private static boolean isSet(long mask, int value) {
        return (mask & (1L << value)) != 0;
    }

    /** The smallest set bit at or above {@code from}, or -1. */
    private static int nextSet(long mask, int from) {
        long remaining = from > 63 ? 0 : mask & (-1L << from);
        return remaining == 0 ? -1 : Long.numberOfTrailingZeros(remaining);
    }
}
