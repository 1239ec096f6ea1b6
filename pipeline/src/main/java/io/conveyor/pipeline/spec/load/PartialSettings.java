package io.conveyor.pipeline.spec.load;

import io.conveyor.pipeline.spec.RetryPolicy;
import io.conveyor.pipeline.spec.TaskSettings;
import io.conveyor.pipeline.spec.TriggerRule;
import java.time.Duration;
import java.util.Optional;

/**
 * The execution settings given in one place, the pipeline's {@code defaults} or a task: a layer
 * over the built-in defaults. The retry backoffs keep their YAML values to place a problem with them.
 */
record PartialSettings(Optional<TriggerRule> triggerRule, Optional<Integer> batchSize, Optional<Integer> retries,
                       Optional<Located<Duration>> retryBackoff, Optional<Located<Duration>> maxRetryBackoff,
                       Optional<Duration> timeout, Optional<Integer> priority, Optional<Double> rejectThreshold) {

    static final PartialSettings NONE = new PartialSettings(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    private static final int MAX_RETRIES = 100;

    record Located<T>(T value, YamlValue where) {
    }

    static PartialSettings read(YamlMap map) {
        return new PartialSettings(
                map.get("triggerRule").flatMap(value -> value.choice(TriggerRule.class)),
                map.get("batchSize").flatMap(value -> value.integer(1, TaskSettings.MAX_BATCH_SIZE)),
                map.get("retries").flatMap(value -> value.integer(0, MAX_RETRIES)),
                map.get("retryBackoff").flatMap(value -> SpecValues.duration(value).map(d -> new Located<>(d, value))),
                map.get("maxRetryBackoff").flatMap(value -> SpecValues.duration(value).map(d -> new Located<>(d, value))),
                map.get("timeout").flatMap(SpecValues::positiveDuration),
                map.get("priority").flatMap(value -> value.integer(Integer.MIN_VALUE, Integer.MAX_VALUE)),
                map.get("rejectThreshold").flatMap(SpecValues::fraction));
    }

    /** This layer, falling back to {@code lower} for what it does not set. */
    PartialSettings over(PartialSettings lower) {
        return new PartialSettings(triggerRule.or(lower::triggerRule), batchSize.or(lower::batchSize),
                retries.or(lower::retries), retryBackoff.or(lower::retryBackoff),
                maxRetryBackoff.or(lower::maxRetryBackoff), timeout.or(lower::timeout),
                priority.or(lower::priority), rejectThreshold.or(lower::rejectThreshold));
    }

    TriggerRule resolvedTriggerRule() {
        return triggerRule.orElse(TriggerRule.ALL_SUCCESS);
    }

    /** The settings with built-in defaults filled in; empty, with a problem, if the backoffs contradict. */
    Optional<TaskSettings> resolve() {
        TaskSettings defaults = TaskSettings.DEFAULT;
        Duration backoff = retryBackoff.map(Located::value).orElse(defaults.retry().backoff());
        Duration maxBackoff = maxRetryBackoff.map(Located::value).orElse(defaults.retry().maxBackoff());
        if (maxBackoff.compareTo(backoff) < 0) {
            maxRetryBackoff.or(() -> retryBackoff).orElseThrow().where()
                    .report("maxRetryBackoff %s is shorter than retryBackoff %s".formatted(maxBackoff, backoff));
            return Optional.empty();
        }
        return Optional.of(new TaskSettings(
                batchSize.orElse(defaults.batchSize()),
                new RetryPolicy(retries.orElse(defaults.retry().maxRetries()), backoff, maxBackoff),
                timeout.or(defaults::timeout),
                priority.orElse(defaults.priority()),
                rejectThreshold.orElse(defaults.rejectThreshold())));
    }

}
