package io.conveyor.pipeline.spec.rule;

/** How normalised phone numbers are written. */
public enum PhoneFormat {
    /** {@code +14155552671} */
    E164,
    /** {@code +1 415-555-2671} */
    INTERNATIONAL,
    /** {@code (415) 555-2671} */
    NATIONAL
}
