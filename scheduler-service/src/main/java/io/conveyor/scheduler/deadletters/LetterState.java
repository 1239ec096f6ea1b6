package io.conveyor.scheduler.deadletters;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Objects;

/**
 * What happened to a handled letter, as stored (JSON) on the dead-letter states topic. A letter
 * without a state is open. A state is written once, in the transaction that claims the letter, and
 * never changed: that is what makes a letter replayed or discarded at most once.
 *
 * @param run    the replay run that re-sent the letter (REPLAYED)
 * @param reason why it was discarded (DISCARDED)
 */
@Serdeable
record LetterState(Kind state, @Nullable String run, @Nullable String by, @Nullable String reason, Instant time) {

    enum Kind { OPEN, REPLAYED, DISCARDED }

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    LetterState {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(time, "time");
    }

    static LetterState replayed(String run, String by, Instant time) {
        return new LetterState(Kind.REPLAYED, run, by, null, time);
    }

    static LetterState discarded(String reason, String by, Instant time) {
        return new LetterState(Kind.DISCARDED, null, by, reason, time);
    }

    byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LetterState fromJson(byte[] json) {
        try {
            return JSON.readValue(json, LetterState.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a dead-letter state: " + e.getMessage(), e);
        }
    }
}
