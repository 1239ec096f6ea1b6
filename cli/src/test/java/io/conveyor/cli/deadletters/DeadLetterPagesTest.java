package io.conveyor.cli.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conveyor.cli.CliFailure;
import io.conveyor.cli.ExitCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeadLetterPagesTest {

    /** Pages by the cursor that asks for them: none (the first), "0-2", "0-4". */
    private static final Map<String, String> PAGES = Map.of(
            "", page("0-1", "0-2"),
            "0-2", page("0-3", "0-4"),
            "0-4", page("0-5", null));

    private final List<String> events = new ArrayList<>();

    private static String page(String id, String next) {
        return """
                {"pipeline": "orders", "letters": [{"id": "%s", "state": "OPEN", "replayAttempt": 1}], "next": %s}
                """.formatted(id, next == null ? "null" : "\"" + next + "\"");
    }

    private JsonNode answer(Optional<String> after) {
        events.add("read " + after.orElse("first"));
        try {
            return new ObjectMapper().readTree(PAGES.get(after.orElse("")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withoutAllOnePageIsReadAndItsNextCursorAnswered() {
        Optional<String> more = DeadLetterPages.read(this::answer, Optional.empty(), false,
                (page, json) -> events.add("print " + page.letters().get(0).id()));

        assertThat(more).contains("0-2");
        assertThat(events).containsExactly("read first", "print 0-1");
    }

    @Test
    void allFollowsTheCursorPrintingEachPageBeforeReadingTheNext() {
        Optional<String> more = DeadLetterPages.read(this::answer, Optional.of("0-2"), true,
                (page, json) -> events.add("print " + page.letters().get(0).id()));

        assertThat(more).isEmpty();
        assertThat(events).containsExactly("read 0-2", "print 0-3", "read 0-4", "print 0-5");
    }

    @Test
    void aSchedulerThatAnswersTheSameCursorAgainStopsAllInsteadOfLoopingForEver() {
        assertThatThrownBy(() -> DeadLetterPages.read(after -> {
            try {
                return new ObjectMapper().readTree(page("0-1", "0-2"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Optional.empty(), true, (page, json) -> { }))
                .isInstanceOfSatisfying(CliFailure.class, failure -> assertThat(failure.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE))
                .hasMessageContaining("the page after 0-2 with the same cursor again");
    }
}
