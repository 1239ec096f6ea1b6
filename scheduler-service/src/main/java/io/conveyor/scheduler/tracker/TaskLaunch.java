package io.conveyor.scheduler.tracker;

import io.conveyor.control.TaskKind;
import java.util.List;
import java.util.Objects;

/**
 * What a task command for one task of a pinned pipeline version carries besides the attempt.
 *
 * @param config the task's spec as canonical JSON
 * @param inputTopics the data topics of the task's upstream tasks
 */
public record TaskLaunch(TaskKind kind, String config, List<String> inputTopics, String outputTopic, int priority) {

    public TaskLaunch {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(config, "config");
        inputTopics = List.copyOf(inputTopics);
        Objects.requireNonNull(outputTopic, "outputTopic");
    }
}
