package io.conveyor.cli.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DeadLetterPageTest {

    static final String PAGE = """
            {"pipeline": "orders",
             "letters": [
               {"id": "0-12", "runId": "orders@m-1", "stage": "TRANSFORM", "taskId": "clean", "rule": "regex",
                "field": "customer_email", "message": "customer_email 'not-an-email' does not match ^[^@]+@[^@]+$ (the pattern of rule email)",
                "time": "2026-12-07T10:00:00Z", "state": "OPEN", "replayAttempt": 1, "firstLetter": null, "replayRun": null},
               {"id": "1-3", "runId": "orders@m-1", "stage": "LOAD", "taskId": "load", "rule": "required", "field": null,
                "message": "row rejected\\nby the warehouse", "time": "2026-12-07T10:00:01Z", "state": "REPLAYED",
                "replayAttempt": 2, "firstLetter": "0-2", "replayRun": "orders@manual-replay-1"}],
             "next": "1-4"}
            """;

    @Test
    void aPageIsATableOfOneLetterARowWithTheMessageCutToSixtyCharacters() throws Exception {
        DeadLetterPage page = DeadLetterPage.of(new ObjectMapper().readTree(PAGE));

        assertThat(page.pipeline()).isEqualTo("orders");
        assertThat(page.next()).contains("1-4");
        assertThat(page.render(true).lines()).containsExactly(
                "ID    RUN         STAGE      TASK   RULE      FIELD           STATE     ATTEMPT  MESSAGE",
                "0-12  orders@m-1  TRANSFORM  clean  regex     customer_email  OPEN            1  "
                        + "customer_email 'not-an-email' does not match ^[^@]+@[^@]+...",
                "1-3   orders@m-1  LOAD       load   required  -               REPLAYED        2  row rejected by the warehouse");
        assertThat(DeadLetterPage.moreHint(page.next().orElseThrow())).isEqualTo("more: --after 1-4");
    }

    @Test
    void aPageAfterTheFirstLeavesTheHeaderOut() throws Exception {
        DeadLetterPage page = DeadLetterPage.of(new ObjectMapper().readTree(PAGE));

        assertThat(page.render(false).lines()).hasSize(2).first().asString().startsWith("0-12  orders@m-1");
    }

    @Test
    void theLastPageHasNoNextCursor() throws Exception {
        DeadLetterPage page = DeadLetterPage.of(new ObjectMapper().readTree("{\"pipeline\": \"orders\", \"letters\": [], \"next\": null}"));

        assertThat(page.letters()).isEmpty();
        assertThat(page.next()).isEmpty();
    }

    @Test
    void aCutMessageKeepsItsWidthAndNeverSplitsACharacter() {
        assertThat(DeadLetterPage.cut("short", 60)).isEqualTo("short");
        assertThat(DeadLetterPage.cut("x".repeat(61), 60)).hasSize(60).endsWith("...");
        assertThat(DeadLetterPage.cut("x".repeat(56) + "\uD83D\uDE00" + "tail", 60)).isEqualTo("x".repeat(56) + "...");
        assertThat(DeadLetterPage.cut(null, 60)).isNull();
    }
}
