package io.conveyor.cli.deadletters;

import com.fasterxml.jackson.databind.JsonNode;
import io.conveyor.cli.render.TextTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One page of {@code GET /pipelines/{name}/dead-letters}:
 * {@code {pipeline, letters: [...], next}}, {@code next} null on the last page.
 */
record DeadLetterPage(String pipeline, List<Letter> letters, Optional<String> next) {

    /** A table cell holds this much of a message; {@code show} prints all of it. */
    static final int MESSAGE_WIDTH = 60;

    /** What the list shows of one letter; {@code field} is null when the rule is about the whole record. */
    record Letter(String id, String runId, String stage, String taskId, String rule, String field, String state,
                  int replayAttempt, String message) {
    }

    DeadLetterPage {
        letters = List.copyOf(letters);
    }

    static DeadLetterPage of(JsonNode page) {
        List<Letter> letters = new ArrayList<>();
        for (JsonNode letter : page.path("letters")) {
            letters.add(new Letter(text(letter, "id"), text(letter, "runId"), text(letter, "stage"), text(letter, "taskId"),
                    text(letter, "rule"), text(letter, "field"), text(letter, "state"), letter.path("replayAttempt").asInt(),
                    text(letter, "message")));
        }
        return new DeadLetterPage(text(page, "pipeline"), letters, Optional.ofNullable(text(page, "next")));
    }

    /**
     * The page as a table. Pages after the first leave the header out, so that {@code --all} reads as
     * one listing; each page is aligned on its own, since a page is printed before the next is read.
     */
    String render(boolean header) {
        TextTable table = TextTable.of("ID", "RUN", "STAGE", "TASK", "RULE", "FIELD", "STATE", ">ATTEMPT", "MESSAGE");
        for (Letter letter : letters) {
            table.row(letter.id(), letter.runId(), letter.stage(), letter.taskId(), letter.rule(), letter.field(),
                    letter.state(), letter.replayAttempt(), cut(letter.message(), MESSAGE_WIDTH));
        }
        String rendered = table.render();
        return header ? rendered : rendered.substring(rendered.indexOf(System.lineSeparator()) + System.lineSeparator().length());
    }

    /** The line that tells how to read on from a page that has a next one (the same filters, and this). */
    static String moreHint(String next) {
        return "more: --after " + next;
    }

    /** At most {@code width} characters, the cut marked with "...". */
    static String cut(String text, int width) {
        if (text == null || text.length() <= width) {
            return text;
        }
        int end = width - 3;
        // never half of a surrogate pair (an emoji in a message)
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "...";
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
