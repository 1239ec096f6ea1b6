package io.conveyor.pipeline.spec.rule;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/** The inclusive bounds of a {@link RuleSpec.Range} rule: numbers, dates or timestamps, never mixed. */
public sealed interface RangeBounds {

    Optional<?> min();

    Optional<?> max();

    /** The bounds as plain text ("100", never "1E+2"), for messages. */
    default Optional<String> minText() {
        return min().map(RangeBounds::plainText);
    }

    default Optional<String> maxText() {
        return max().map(RangeBounds::plainText);
    }

    private static String plainText(Object bound) {
        return bound instanceof BigDecimal number ? number.toPlainString() : bound.toString();
    }

    record Numbers(Optional<BigDecimal> min, Optional<BigDecimal> max) implements RangeBounds {

        public Numbers {
            min = min.map(BigDecimal::stripTrailingZeros);
            max = max.map(BigDecimal::stripTrailingZeros);
        }
    }

    /** ISO dates such as 2024-05-06; the field must hold dates (coerce it to {@code date} first). */
    record Dates(Optional<LocalDate> min, Optional<LocalDate> max) implements RangeBounds {

        public Dates {
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
        }
    }

    /** ISO instants such as 2024-05-06T07:08:09Z; the field must hold timestamps. */
    record Timestamps(Optional<Instant> min, Optional<Instant> max) implements RangeBounds {

        public Timestamps {
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
        }
    }
}
