package io.conveyor.scheduler.deadletters;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.conveyor.deadletter.DeadLetter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the dead-letter endpoints answer with. */
final class LetterViews {

    private LetterViews() {
    }

    /**
     * @param replayAttempt 1 for a record rejected in an ordinary run, n + 1 after n replays
     * @param firstLetter   the letter this record was first rejected as (replay attempt 2 or more)
     * @param replayRun     the run that replayed this letter (state REPLAYED)
     */
    @Serdeable
    record Summary(String id, @Nullable String runId, String stage, @Nullable String taskId, @Nullable String rule,
                   @Nullable String field, String message, Instant time, String state, int replayAttempt,
                   @Nullable String firstLetter, @Nullable String replayRun) {
    }

    /** @param next the cursor of the next page ({@code after}); null on the last page */
    @Serdeable
    record Page(String pipeline, List<Summary> letters, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String next) {
    }

    @Serdeable
    record Counts(String pipeline, long total, Map<String, Long> byState, Map<String, Long> byStage,
                  Map<String, Long> byTask, Map<String, Long> byRule, Map<String, Long> byField) {
    }

    /**
     * @param value the original record decoded (an object), or its text, or null
     * @param stateDetail who replayed or discarded the letter, when and why; null while it is open
     */
    @Serdeable
    record Detail(String id, @Nullable String runId, String stage, @Nullable String taskId, @Nullable String rule,
                  @Nullable String field, String message, Instant time, String state, int replayAttempt,
                  @Nullable String firstLetter, @Nullable String replayRun, @Nullable String originalRunId,
                  @Nullable String exceptionClass, @Nullable String sourceTopic, @Nullable Integer sourcePartition,
                  @Nullable Long sourceOffset, @Nullable String sourcePosition, @Nullable String key,
                  @Nullable Object value, Map<String, String> headers, @Nullable LetterState stateDetail) {
    }

    static Detail detail(LetterId id, DeadLetter letter, Optional<LetterState> state, @Nullable String key,
                         @Nullable Object value, Map<String, String> headers) {
        Summary summary = summary(id, letter, state);
        return new Detail(summary.id(), summary.runId(), summary.stage(), summary.taskId(), summary.rule(), summary.field(),
                summary.message(), summary.time(), summary.state(), summary.replayAttempt(), summary.firstLetter(),
                summary.replayRun(), letter.getOriginalRunId(), letter.getExceptionClass(), letter.getSourceTopic(),
                letter.getSourcePartition(), letter.getSourceOffset(), letter.getSourcePosition(), key, value, headers,
                state.orElse(null));
    }

    static Summary summary(LetterId id, DeadLetter letter, Optional<LetterState> state) {
        return new Summary(id.toString(), letter.getRunId(), letter.getStage().name(), letter.getTaskId(), letter.getRule(),
                letter.getField(), letter.getMessage(), letter.getTime(),
                state.map(s -> s.state().name()).orElse(LetterState.Kind.OPEN.name()), letter.getReplayAttempt(),
                letter.getFirstLetter(), state.map(LetterState::run).orElse(null));
    }
}
