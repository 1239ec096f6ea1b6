package io.conveyor.transformer.rules;

/**
 * Why a record was rejected, in the shape of the dead-letter record's reason fields.
 *
 * @param stage          always {@link #STAGE} for rejections made here
 * @param rule           the rule's kind and 1-based position in the chain, such as
 *                       {@code "coerce#3"}, or {@code "schema"} for schema enforcement
 * @param field          the field at fault, or null when no single field is
 * @param message        what was wrong, quoting the offending value
 * @param exceptionClass the exception behind the failure, or null
 */
public record Rejection(String stage, String rule, String field, String message, String exceptionClass) {

    public static final String STAGE = "TRANSFORM";

    public static Rejection of(String rule, String field, String message, String exceptionClass) {
        return new Rejection(STAGE, rule, field, message, exceptionClass);
    }
}
