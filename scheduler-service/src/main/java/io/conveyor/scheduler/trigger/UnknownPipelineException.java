package io.conveyor.scheduler.trigger;

/** A trigger names a pipeline that is not deployed. */
public final class UnknownPipelineException extends RuntimeException {

    private final String pipeline;

    public UnknownPipelineException(String pipeline) {
        super("pipeline '" + pipeline + "' is not deployed");
        this.pipeline = pipeline;
    }

    public String pipeline() {
        return pipeline;
    }
}
