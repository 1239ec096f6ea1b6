package io.conveyor.pipeline.spec.param;

/** A task setting names a run parameter that the run does not define, or its template is malformed. */
public final class UnresolvedParameterException extends IllegalArgumentException {

    public UnresolvedParameterException(String message) {
        super(message);
    }
}
