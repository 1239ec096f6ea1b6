package io.conveyor.cli.deadletters;

import com.fasterxml.jackson.databind.JsonNode;
import io.conveyor.cli.CliFailure;
import io.conveyor.cli.ExitCodes;
import java.util.Optional;

/**
 * Reads the pages of a dead-letter listing from a cursor on. Each page is handed on before the next
 * is asked for, so {@code list --all} prints as it reads and holds one page, however many letters a
 * pipeline has.
 */
final class DeadLetterPages {

    /** {@code GET /pipelines/{name}/dead-letters} from a cursor (none: the first page). */
    @FunctionalInterface
    interface PageSource {
        JsonNode page(Optional<String> after);
    }

    /** Takes one page: as read and as the scheduler answered it. */
    @FunctionalInterface
    interface PageSink {
        void accept(DeadLetterPage page, JsonNode answer);
    }

    private DeadLetterPages() {
    }

    /**
     * One page, or with {@code all} every page until one answers no {@code next}. Answers the cursor
     * of the page after the last one read (empty when there is none).
     */
    static Optional<String> read(PageSource source, Optional<String> after, boolean all, PageSink sink) {
        Optional<String> cursor = after;
        while (true) {
            JsonNode answer = source.page(cursor);
            DeadLetterPage page = DeadLetterPage.of(answer);
            sink.accept(page, answer);
            if (!all || page.next().isEmpty()) {
                return page.next();
            }
            // A server that answers the cursor it was given would have --all ask for ever.
            if (page.next().equals(cursor)) {
                throw new CliFailure(ExitCodes.UNAVAILABLE, "the scheduler answered the page after " + cursor.get()
                        + " with the same cursor again; stopped reading");
            }
            cursor = page.next();
        }
    }
}
