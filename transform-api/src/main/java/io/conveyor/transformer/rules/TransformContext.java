package io.conveyor.transformer.rules;

/**
 * What a rule may know about the record besides its fields: which pipeline, run and task it
 * belongs to. Run-scoped state (such as the keys a dedupe rule has seen) is keyed by
 * {@code runId}.
 */
public record TransformContext(String pipeline, String runId, String taskId) {
}
