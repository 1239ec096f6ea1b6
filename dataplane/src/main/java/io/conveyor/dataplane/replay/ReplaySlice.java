package io.conveyor.dataplane.replay;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a replay run's records wait: offsets {@code [from, to)} of one partition of the replays
 * topic, written in the transaction that claimed the letters and triggered the run. The scheduler
 * passes it to the run as the reserved run parameter {@link #PARAMETER}; the extractor reads it
 * instead of the extract task's source.
 */
public record ReplaySlice(int partition, long from, long to) {

    /** The run parameter that makes a run a replay; the tracker accepts it on every pipeline. */
    public static final String PARAMETER = "conveyor.replay";

    private static final Pattern TEXT = Pattern.compile("(\\d+):(\\d+)-(\\d+)");

    public ReplaySlice {
        if (partition < 0 || from < 0 || to < from) {
            throw new IllegalArgumentException("not a slice of a partition: " + partition + ":" + from + "-" + to);
        }
    }

    /** The parameter's value: {@code partition:from-to}. */
    public String text() {
        return partition + ":" + from + "-" + to;
    }

    /** The slice a run parameter value names; empty when it is not of the form {@code partition:from-to}. */
    public static Optional<ReplaySlice> parse(String text) {
        Matcher matcher = text == null ? null : TEXT.matcher(text);
        if (matcher == null || !matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ReplaySlice(Integer.parseInt(matcher.group(1)), Long.parseLong(matcher.group(2)),
                    Long.parseLong(matcher.group(3))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
