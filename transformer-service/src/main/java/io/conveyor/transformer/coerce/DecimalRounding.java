package io.conveyor.transformer.coerce;

/** What a decimal coercion does with more fraction digits than the target scale holds. */
public enum DecimalRounding {
    /**
     * Refuse the value unless the extra digits are zeros ("1.50" fits scale 1, "1.55" does not).
     * The default: an ETL pipeline should not silently change amounts.
     */
    REJECT,
    /** Round half up to the scale ("1.55" becomes 1.6 at scale 1); opt in where that is the business rule. */
    HALF_UP
}
