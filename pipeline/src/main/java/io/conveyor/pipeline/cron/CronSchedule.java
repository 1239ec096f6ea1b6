package io.conveyor.pipeline.cron;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A five-field cron schedule ({@code minute hour day-of-month month day-of-week}) evaluated in an
 * IANA time zone.
 *
 * <h2>Syntax</h2>
 * Each field is {@code *}, a value, a range {@code a-b}, or a comma-separated list of these, each
 * optionally followed by a step: {@code *}{@code /15}, {@code 1-30/2}, and {@code 5/10} (from 5 to the
 * field's maximum). Months accept {@code JAN..DEC} and weekdays {@code SUN..SAT}, case-insensitively;
 * both 0 and 7 mean Sunday. Ranges must run forwards ({@code FRI-MON} is refused). The macros
 * {@code @yearly} ({@code @annually}), {@code @monthly}, {@code @weekly}, {@code @daily}
 * ({@code @midnight}) and {@code @hourly} stand for their usual expansions.
 *
 * <p>Day matching follows Vixie cron: when both the day-of-month and the day-of-week field are
 * restricted (neither starts with {@code *}), a day matches when <em>either</em> matches; otherwise
 * both must match. So {@code 0 0 13 * FRI} fires on every 13th and every Friday, while
 * {@code 0 0 *}{@code /2 * FRI} fires only on Fridays that fall on an odd day of the month.
 *
 * <p>An expression that can never fire, such as {@code 0 0 30 2 *} (February 30th), is refused by
 * {@link #parse} with a {@link CronSyntaxException}. Every expression that parses fires at least once
 * in any 400-year window, since the Gregorian calendar repeats with that period.
 *
 * <h2>Daylight-saving time</h2>
 * The expression selects local wall-clock times; each is turned into instants as follows.
 * <ul>
 *   <li><b>Gap</b> (spring forward): a local time that does not exist fires once, at the first
 *       instant after the gap. With 02:00 → 03:00 skipped, {@code 30 2 * * *} fires at 03:00. Several
 *       skipped times (say 02:00, 02:15, 02:30 and 02:45, and 03:00 itself) collapse into that single
 *       firing.</li>
 *   <li><b>Overlap</b> (fall back), fixed times: when the minute and hour fields are both fixed (neither
 *       starts with {@code *}), a local time that occurs twice fires once, at the earlier offset.
 *       {@code 30 1 * * *} fires at 01:30 EDT and not again at 01:30 EST.</li>
 *   <li><b>Overlap</b>, recurring times: when the minute or hour field starts with {@code *} (as in
 *       {@code 30 * * * *} or {@code *}{@code /10 * * * *}), the schedule follows elapsed time and fires at
 *       both instants: 01:30 EDT and, an hour later, 01:30 EST. This is Vixie cron's distinction
 *       between fixed-time and wildcard jobs.</li>
 * </ul>
 * No instant is ever returned twice, and fire times are strictly increasing.
 *
 * <p>Instances are immutable and thread-safe. Equality is by expression text.
 */
public final class CronSchedule {

    private final String expression;
    private final CronPattern pattern;

    private CronSchedule(String expression, CronPattern pattern) {
        this.expression = expression;
        this.pattern = pattern;
    }

    /**
     * Parses a five-field expression or macro.
     *
     * @throws CronSyntaxException naming the field, the offending text and its position
     */
    public static CronSchedule parse(String expression) {
        Objects.requireNonNull(expression, "expression");
        return new CronSchedule(expression.strip(), CronParser.parse(expression));
    }

    /** The expression as given, without surrounding whitespace. */
    public String expression() {
        return expression;
    }

    /**
     * The first fire time strictly after {@code after}. Empty only when there is none before the end
     * of the range {@link java.time} can represent.
     */
    public Optional<ZonedDateTime> next(Instant after, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        return firstOccurrenceAfter(after, rules)
                .map(first -> pattern.wildcardTime() ? repeatedOccurrenceBefore(first, after, rules).orElse(first) : first)
                .map(instant -> ZonedDateTime.ofInstant(instant, zone));
    }

    /** The next {@code count} fire times strictly after {@code after}, fewer only at the end of time. */
    public List<ZonedDateTime> nextN(Instant after, ZoneId zone, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        return fireTimes(after, zone).limit(count).toList();
    }

    /**
     * The fire times in {@code (fromExclusive, toInclusive]}, in order, computed lazily: use it for
     * catch-up after downtime and for backfilling a range.
     */
    public Stream<ZonedDateTime> between(Instant fromExclusive, Instant toInclusive, ZoneId zone) {
        return fireTimes(fromExclusive, zone).takeWhile(time -> !time.toInstant().isAfter(toInclusive));
    }

    /** All fire times strictly after {@code after}, in order, computed lazily. */
    public Stream<ZonedDateTime> fireTimes(Instant after, ZoneId zone) {
        return Stream.iterate(next(after, zone), Optional::isPresent, previous -> next(previous.get().toInstant(), zone))
                .map(Optional::get);
    }

    /** Fire instants of matching local times, each resolved to its earlier offset or the end of its gap. */
    private Optional<Instant> firstOccurrenceAfter(Instant after, ZoneRules rules) {
        Optional<LocalDateTime> candidate = pattern.nextAfter(LocalDateTime.ofInstant(after, rules.getOffset(after)));
        while (candidate.isPresent()) {
            Instant instant = earliestInstant(candidate.get(), rules);
            if (instant.isAfter(after)) {
                return Optional.of(instant);
            }
            // Only while "after" lies in the second pass of an overlap: these local times already fired.
            candidate = pattern.nextAfter(candidate.get());
        }
        return Optional.empty();
    }

    private static Instant earliestInstant(LocalDateTime local, ZoneRules rules) {
        ZoneOffsetTransition transition = rules.getTransition(local);
        if (transition == null) {
            return local.toInstant(rules.getOffset(local));
        }
        return transition.isGap() ? transition.getInstant() : local.toInstant(transition.getOffsetBefore());
    }

    /**
     * The earliest second pass through an overlap that lies between {@code after} and {@code bound}:
     * a matching local time inside the overlap, read at the later offset.
     */
    private Optional<Instant> repeatedOccurrenceBefore(Instant bound, Instant after, ZoneRules rules) {
        ZoneOffsetTransition transition = rules.previousTransition(after.plusNanos(1));
        if (transition == null) {
            transition = rules.nextTransition(after);
        }
        while (transition != null && transition.getInstant().isBefore(bound)) {
            if (transition.isOverlap()) {
                Optional<Instant> repeat = secondPassAfter(after, transition);
                if (repeat.isPresent()) {
                    return repeat.filter(bound::isAfter);
                }
            }
            transition = rules.nextTransition(transition.getInstant());
        }
        return Optional.empty();
    }

    private Optional<Instant> secondPassAfter(Instant after, ZoneOffsetTransition overlap) {
        ZoneOffset later = overlap.getOffsetAfter();
        LocalDateTime afterLocal = LocalDateTime.ofInstant(after, later);
        if (!afterLocal.isBefore(overlap.getDateTimeBefore())) {
            return Optional.empty();
        }
        LocalDateTime overlapStart = overlap.getDateTimeAfter().minusNanos(1);
        LocalDateTime from = afterLocal.isAfter(overlapStart) ? afterLocal : overlapStart;
        return pattern.nextAfter(from)
                .filter(local -> local.isBefore(overlap.getDateTimeBefore()))
                .map(local -> local.toInstant(later));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CronSchedule schedule && schedule.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    @Override
    public String toString() {
        return expression;
    }
}
