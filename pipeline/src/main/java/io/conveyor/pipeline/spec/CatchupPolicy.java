package io.conveyor.pipeline.spec;

/** Which scheduled runs missed while the scheduler was down are started when it comes back. */
public enum CatchupPolicy {
    /** None: scheduling resumes with the next fire time. */
    NONE,
    /** Only the most recent missed fire time. */
    LATEST,
    /** Every missed fire time, oldest first, up to {@link PipelineSpec#maxCatchupRuns()}. */
    ALL
}
