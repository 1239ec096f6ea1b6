package io.conveyor.extractor.task;

import io.conveyor.dataplane.replay.ReplaySlice;
import io.conveyor.pipeline.spec.source.SourceSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt of an extract task, as the extractor executes it: the command's identity and topics
 * plus the parts of the task spec the extractor needs.
 *
 * @param key             business key fields; empty means records are spread round robin
 * @param rejectThreshold share of rejected items (0..1) above which the task fails
 * @param replay          in a replay run, the slice of the replays topic read instead of {@code source}
 */
public record ExtractTask(String runId, String pipeline, String taskId, int attempt, SourceSpec source,
                          List<String> key, int batchSize, double rejectThreshold, String outputTopic,
                          String deadLetterTopic, Optional<ReplaySlice> replay) {

    /** A task of an ordinary run, which reads its source. */
    public ExtractTask(String runId, String pipeline, String taskId, int attempt, SourceSpec source, List<String> key,
                       int batchSize, double rejectThreshold, String outputTopic, String deadLetterTopic) {
        this(runId, pipeline, taskId, attempt, source, key, batchSize, rejectThreshold, outputTopic, deadLetterTopic,
                Optional.empty());
    }

    public ExtractTask {
        Objects.requireNonNull(replay, "replay");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(source, "source");
        key = List.copyOf(key);
        Objects.requireNonNull(outputTopic, "outputTopic");
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
    }

    /** The key of this task's checkpoint: one per run and task, shared by its attempts. */
    public String checkpointKey() {
        return runId + "/" + taskId;
    }

    /** The key of this task's watermark: one per pipeline and task, carried from run to run. */
    public String watermarkKey() {
        return pipeline + "/" + taskId;
    }
}
