package io.conveyor.scheduler.deadletters;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A dead letter's id: where it is on its pipeline's dead-letter topic, written {@code partition-offset}. */
record LetterId(int partition, long offset) implements Comparable<LetterId> {

    private static final Pattern TEXT = Pattern.compile("(\\d{1,9})-(\\d{1,18})");

    LetterId {
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("a letter id has a partition and an offset of at least 0");
        }
    }

    static Optional<LetterId> parse(String text) {
        Matcher matcher = text == null ? null : TEXT.matcher(text);
        return matcher != null && matcher.matches()
                ? Optional.of(new LetterId(Integer.parseInt(matcher.group(1)), Long.parseLong(matcher.group(2))))
                : Optional.empty();
    }

    /** The key of the letter's state on the states topic, which all pipelines share; {@code scope} names the topic. */
    String stateKey(String scope) {
        return scope + "/" + this;
    }

    @Override
    public String toString() {
        return partition + "-" + offset;
    }

    @Override
    public int compareTo(LetterId other) {
        int byPartition = Integer.compare(partition, other.partition);
        return byPartition != 0 ? byPartition : Long.compare(offset, other.offset);
    }
}
