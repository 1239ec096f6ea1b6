package io.conveyor.pipeline.spec.rule;

/** The type a {@link RuleSpec.Coerce} rule converts a field to. */
public sealed interface CoercionType {

    /** As written in YAML, e.g. {@code int} or {@code decimal(10,2)}. */
    String text();

    enum Basic implements CoercionType {
        STRING, INT, LONG, DOUBLE, BOOLEAN, DATE, TIMESTAMP;

        @Override
        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Whether values of this type are parsed with a date-time pattern. */
        public boolean temporal() {
            return this == DATE || this == TIMESTAMP;
        }
    }

    /**
     * An exact decimal: {@code precision} significant digits, {@code scale} of them after the point.
     */
    record Decimal(int precision, int scale) implements CoercionType {

        public static final int MAX_PRECISION = 38;

        public Decimal {
            if (precision < 1 || precision > MAX_PRECISION || scale < 0 || scale > precision) {
                throw new IllegalArgumentException("invalid decimal(" + precision + "," + scale + ")");
            }
        }

        @Override
        public String text() {
            return "decimal(" + precision + "," + scale + ")";
        }
    }
}
