package io.conveyor.dataplane.replay;

import io.conveyor.dataplane.DataHeaders;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers a replayed dead letter travels with (docs/dead-letters.md#replay-protocol). A replay
 * run's extract tasks write each letter's original record to their output topic with a
 * {@link #ROUTE}: the tasks it passes through unchanged, ending with the task that rejected it,
 * where it re-enters. The lineage headers ({@link #LETTER}, {@link #ATTEMPT}, {@link #ORIGINAL_RUN})
 * stay on the record and on what the entry task makes of it, so a record rejected again becomes a
 * letter linked to the first one.
 */
public final class ReplayHeaders {

    /** Comma-separated task ids from the first task after the extract task to the entry task. */
    public static final String ROUTE = "conveyor.replay.route";
    /** The id of the letter the record was first rejected as ({@code partition-offset} on the pipeline's DLQ). */
    public static final String LETTER = "conveyor.replay.letter";
    /** The replay attempt of the letter being replayed: 1 for a letter of an ordinary run. */
    public static final String ATTEMPT = "conveyor.replay.attempt";
    /** The run that first rejected the record. */
    public static final String ORIGINAL_RUN = "conveyor.replay.original-run";
    /** On the replays topic only: the extract task of the replay run that writes the record. */
    public static final String EXTRACT_TASK = "conveyor.replay.extract-task";

    private static final List<String> LINEAGE = List.of(LETTER, ATTEMPT, ORIGINAL_RUN);
    private static final String PREFIX = "conveyor.replay.";

    private ReplayHeaders() {
    }

    /** What a task does with a record, decided by its route. */
    public enum Passage {
        /** Not a routed replay record: the task handles it as it handles every record. */
        ORDINARY,
        /** The task rejected the letter: the record re-enters here and is handled as usual, without its route. */
        ENTERS,
        /** The task lies between the extract task and the entry task: the record goes on unchanged. */
        PASSES,
        /** The task is on another branch of the DAG: the record is not for it and is dropped. */
        OFF_ROUTE
    }

    public static Passage passage(Headers headers, String taskId) {
        String route = DataHeaders.text(headers, ROUTE);
        if (route == null) {
            return Passage.ORDINARY;
        }
        List<String> tasks = List.of(route.split(","));
        if (tasks.get(tasks.size() - 1).equals(taskId)) {
            return Passage.ENTERS;
        }
        return tasks.contains(taskId) ? Passage.PASSES : Passage.OFF_ROUTE;
    }

    /**
     * Whether a sink task leaves the record alone: a replayed letter of another task that passes its
     * input on the way there (sinks have no output to pass it on to).
     */
    public static boolean isForAnotherSink(Headers headers, String taskId) {
        Passage passage = passage(headers, taskId);
        return passage == Passage.PASSES || passage == Passage.OFF_ROUTE;
    }

    /** The lineage headers of {@code source}, to carry on whatever a task makes of it. */
    public static void copyLineage(Headers source, Headers target) {
        for (String key : LINEAGE) {
            Header header = source.lastHeader(key);
            if (header != null) {
                target.add(key, header.value());
            }
        }
    }

    /** {@code source}'s headers with the run and task headers replaced and the route kept: what a passing task forwards. */
    public static Headers forwarded(Headers source, Headers runHeaders) {
        RecordHeaders headers = new RecordHeaders(runHeaders.toArray());
        for (Header header : source) {
            if (header.key().startsWith(PREFIX)) {
                headers.add(header);
            }
        }
        return headers;
    }

    /** Whether {@code key} is a replay header, which a letter's original headers lose before the letter is replayed again. */
    public static boolean isReplayHeader(String key) {
        return key.startsWith(PREFIX);
    }

    /**
     * The lineage of a record rejected in a replay run, read from its headers; null for a record
     * of an ordinary run.
     */
    public static Lineage lineage(Headers headers) {
        String letter = DataHeaders.text(headers, LETTER);
        if (letter == null) {
            return null;
        }
        String attempt = DataHeaders.text(headers, ATTEMPT);
        int replayed;
        try {
            replayed = attempt == null ? 1 : Integer.parseInt(attempt);
        } catch (NumberFormatException e) {
            replayed = 1;
        }
        return new Lineage(letter, replayed, DataHeaders.text(headers, ORIGINAL_RUN));
    }

    /**
     * @param firstLetter   the letter the record was first rejected as
     * @param replayAttempt the replay attempt of the letter that was replayed
     * @param originalRun   the run that first rejected the record
     */
    public record Lineage(String firstLetter, int replayAttempt, String originalRun) {
    }
}
