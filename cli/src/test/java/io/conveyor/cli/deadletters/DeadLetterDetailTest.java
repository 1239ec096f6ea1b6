package io.conveyor.cli.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DeadLetterDetailTest {

    private static final String LETTER = """
            {"id": "0-12", "runId": "orders@m-1", "stage": "TRANSFORM", "taskId": "clean", "rule": "regex",
             "field": "customer_email", "message": "does not match\\nthe pattern", "time": "2026-12-07T10:00:00Z",
             "state": "REPLAYED", "replayAttempt": 1, "firstLetter": null, "replayRun": "orders@manual-replay-1",
             "exceptionClass": "io.conveyor.transform.RuleViolation", "sourceTopic": "conveyor.data.orders.extract",
             "sourcePartition": 0, "sourceOffset": 41, "sourcePosition": "orders.csv:42", "key": null,
             "value": %s,
             "headers": {"conveyor.run": "orders@m-1", "conveyor.task": "clean"},
             "stateDetail": {"state": "REPLAYED", "run": "orders@manual-replay-1", "by": "conveyor-cli:ann",
                             "reason": null, "time": "2026-12-07T11:00:00Z"}}
            """;

    @Test
    void aLetterIsItsFieldsAsNameValueLinesThenItsValueAsIndentedJsonThenItsHeaders() throws Exception {
        String shown = DeadLetterDetail.render(new ObjectMapper().readTree(LETTER.formatted(
                "{\"order_id\": 7, \"customer_email\": \"not-an-email\"}")));

        assertThat(shown.lines()).containsExactly(
                "id:              0-12",
                "runId:           orders@m-1",
                "stage:           TRANSFORM",
                "taskId:          clean",
                "rule:            regex",
                "field:           customer_email",
                "message:         does not match the pattern",
                "time:            2026-12-07T10:00:00Z",
                "state:           REPLAYED",
                "replayAttempt:   1",
                "firstLetter:     -",
                "replayRun:       orders@manual-replay-1",
                "exceptionClass:  io.conveyor.transform.RuleViolation",
                "sourceTopic:     conveyor.data.orders.extract",
                "sourcePartition: 0",
                "sourceOffset:    41",
                "sourcePosition:  orders.csv:42",
                "key:             -",
                "stateDetail:     REPLAYED by conveyor-cli:ann at 2026-12-07T11:00:00Z in run orders@manual-replay-1",
                "value:",
                "{",
                "  \"order_id\" : 7,",
                "  \"customer_email\" : \"not-an-email\"",
                "}",
                "headers:",
                "  conveyor.run: orders@m-1",
                "  conveyor.task: clean");
    }

    @Test
    void aRawTextValueIsPrintedAsAJsonStringSoItsControlCharactersStayEscaped() throws Exception {
        String shown = DeadLetterDetail.render(new ObjectMapper().readTree(LETTER.formatted("\"7,not-an-email\\u001b[2J\"")));

        assertThat(shown).contains("value:" + System.lineSeparator() + "\"7,not-an-email\\u001B[2J\"" + System.lineSeparator())
                .doesNotContain("\u001b");
    }

    @Test
    void anOpenLetterWithoutValueOrHeadersShowsDashes() throws Exception {
        String shown = DeadLetterDetail.render(new ObjectMapper().readTree("""
                {"id": "0-1", "state": "OPEN", "value": null, "headers": {}, "stateDetail": null}
                """));

        assertThat(shown.lines()).contains("state:           OPEN", "stateDetail:     -", "-", "headers: -");
    }

    @Test
    void aDiscardedLetterNamesItsReason() throws Exception {
        assertThat(DeadLetterDetail.stateDetail(new ObjectMapper().readTree("""
                {"state": "DISCARDED", "run": null, "by": "ops", "reason": "test data", "time": "2026-12-07T12:00:00Z"}
                """))).isEqualTo("DISCARDED by ops at 2026-12-07T12:00:00Z reason: test data");
    }
}
