package io.conveyor.scheduler.trigger;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to start a run now.
 *
 * @param parameters     override the pipeline's default parameters
 * @param idempotencyKey two requests with the same key for the same pipeline start one run
 */
public record ManualRun(String pipeline, Map<String, String> parameters, int priority, Optional<String> idempotencyKey,
                        Optional<String> requestedBy) {

    public ManualRun {
        Objects.requireNonNull(pipeline, "pipeline");
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(requestedBy, "requestedBy");
    }
}
