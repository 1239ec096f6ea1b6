package io.conveyor.transformer.schema;

/**
 * A row value that the target schema cannot hold, or a required field that is missing. Carries
 * the field path ({@code "address.zip"}, {@code "tags[2]"}) and the expected Avro type. No stack
 * trace: it is an expected outcome per record and becomes a rejection.
 */
public final class SchemaViolation extends Exception {

    private final String field;
    private final String expectedType;
    private final String problem;

    SchemaViolation(String field, String expectedType, String problem) {
        super(null, null, false, false);
        this.field = field;
        this.expectedType = expectedType;
        this.problem = problem;
    }

    static SchemaViolation of(String expectedType, String problem) {
        return new SchemaViolation(null, expectedType, problem);
    }

    /** This violation seen from the enclosing record field or array slot {@code segment}. */
    SchemaViolation within(String segment) {
        String path;
        if (field == null) {
            path = segment;
        } else if (field.startsWith("[")) {
            path = segment + field;
        } else {
            path = segment + "." + field;
        }
        return new SchemaViolation(path, expectedType, problem);
    }

    public String field() {
        return field;
    }

    public String expectedType() {
        return expectedType;
    }

    @Override
    public String getMessage() {
        return "field '" + field + "' (" + expectedType + "): " + problem;
    }
}
