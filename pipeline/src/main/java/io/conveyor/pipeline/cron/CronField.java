package io.conveyor.pipeline.cron;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/** The five fields of a cron expression, in order, with their value ranges and names. */
enum CronField {
    MINUTE("minute", 0, 59, List.of()),
    HOUR("hour", 0, 23, List.of()),
    DAY_OF_MONTH("day-of-month", 1, 31, List.of()),
    MONTH("month", 1, 12,
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),
    DAY_OF_WEEK("day-of-week", 0, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"));

    private final String label;
    private final int min;
    private final int max;
    private final List<String> names;

    CronField(String label, int min, int max, List<String> names) {
        this.label = label;
        this.min = min;
        this.max = max;
        this.names = names;
    }

    String label() {
        return label + " field";
    }

    int min() {
        return min;
    }

    int max() {
        return max;
    }

    /** The value a name stands for ({@code MON} = 1), matched case-insensitively. */
    OptionalInt valueOfName(String text) {
        int index = names.indexOf(text.toUpperCase(Locale.ROOT));
        return index < 0 ? OptionalInt.empty() : OptionalInt.of(min + index);
    }

    boolean hasNames() {
        return !names.isEmpty();
    }
}
