package io.conveyor.scheduler.dag;

import io.conveyor.pipeline.spec.TriggerRule;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Test fixture: a {@link DagTask} with defaults (all_success, no retries, no timeout). */
final class TaskBuilder {

    private final String id;
    private List<String> dependsOn = List.of();
    private TriggerRule triggerRule = TriggerRule.ALL_SUCCESS;
    private int retries;
    private Duration retryBackoff = Duration.ZERO;
    private Duration maxRetryBackoff = Duration.ZERO;
    private Optional<Duration> timeout = Optional.empty();
    private int priority;
    private double rejectThreshold = 1.0;
    private boolean streamsInput;

    private TaskBuilder(String id) {
        this.id = id;
    }

    static TaskBuilder task(String id, String... dependsOn) {
        var builder = new TaskBuilder(id);
        builder.dependsOn = List.of(dependsOn);
        return builder;
    }

    static DagDefinition dag(TaskBuilder... tasks) {
        return new DagDefinition(java.util.Arrays.stream(tasks).map(TaskBuilder::build).toList());
    }

    TaskBuilder rule(TriggerRule rule) {
        this.triggerRule = rule;
        return this;
    }

    TaskBuilder retries(int count, Duration backoff, Duration maxBackoff) {
        this.retries = count;
        this.retryBackoff = backoff;
        this.maxRetryBackoff = maxBackoff;
        return this;
    }

    TaskBuilder timeout(Duration limit) {
        this.timeout = Optional.of(limit);
        return this;
    }

    TaskBuilder priority(int value) {
        this.priority = value;
        return this;
    }

    TaskBuilder rejectThreshold(double value) {
        this.rejectThreshold = value;
        return this;
    }

    TaskBuilder streaming() {
        this.streamsInput = true;
        return this;
    }

    DagTask build() {
        return new DagTask(id, dependsOn, triggerRule, retries, retryBackoff, maxRetryBackoff, timeout,
                priority, rejectThreshold, streamsInput);
    }
}
