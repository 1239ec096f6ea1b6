package io.conveyor.cli.deadletters;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.StringJoiner;

/**
 * {@code GET /pipelines/{name}/dead-letters/{id}} for people: the letter's fields as
 * {@code name: value} lines (the scheduler's names, so {@code grep '^rule:'} works), then the
 * rejected record's value, then its headers.
 */
final class DeadLetterDetail {

    /** The fields shown, in this order; a field the answer lacks or holds null is shown as "-". */
    static final List<String> FIELDS = List.of("id", "runId", "stage", "taskId", "rule", "field", "message", "time", "state",
            "replayAttempt", "firstLetter", "replayRun", "exceptionClass", "sourceTopic", "sourcePartition", "sourceOffset",
            "sourcePosition", "key");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WIDTH = FIELDS.stream().mapToInt(String::length).max().orElseThrow() + 2;

    private DeadLetterDetail() {
    }

    static String render(JsonNode letter) {
        StringBuilder out = new StringBuilder();
        for (String field : FIELDS) {
            line(out, field, DeadLetterPage.text(letter, field));
        }
        line(out, "stateDetail", stateDetail(letter.path("stateDetail")));
        // Always JSON, a raw-text value too: quoted and escaped, a record's control characters cannot
        // reach the terminal, and where the text starts and ends is plain.
        JsonNode value = letter.get("value");
        out.append("value:").append(System.lineSeparator());
        out.append(value == null || value.isNull() ? "-" : pretty(value)).append(System.lineSeparator());
        out.append("headers:");
        if (letter.path("headers").isEmpty()) {
            out.append(" -");
        }
        out.append(System.lineSeparator());
        letter.path("headers").fields().forEachRemaining(header ->
                out.append("  ").append(header.getKey()).append(": ").append(header.getValue().asText()).append(System.lineSeparator()));
        return out.toString();
    }

    /** Who replayed or discarded the letter, when, in which run and why; null while it is open. */
    static String stateDetail(JsonNode detail) {
        if (!detail.isObject()) {
            return null;
        }
        StringJoiner text = new StringJoiner(" ");
        text.add(detail.path("state").asText());
        append(text, "by", DeadLetterPage.text(detail, "by"));
        append(text, "at", DeadLetterPage.text(detail, "time"));
        append(text, "in run", DeadLetterPage.text(detail, "run"));
        append(text, "reason:", DeadLetterPage.text(detail, "reason"));
        return text.toString();
    }

    private static void append(StringJoiner text, String label, String value) {
        if (value != null) {
            text.add(label).add(value);
        }
    }

    private static void line(StringBuilder out, String name, String value) {
        String label = name + ":";
        out.append(label).append(" ".repeat(WIDTH - label.length())).append(value == null ? "-" : oneLine(value))
                .append(System.lineSeparator());
    }

    /** A message or key with a line break stays one "name: value" line. */
    private static String oneLine(String value) {
        return value.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }

    private static String pretty(JsonNode value) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
