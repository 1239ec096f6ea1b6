package io.conveyor.scheduler.deadletters;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conveyor.deadletter.DeadLetter;
import io.conveyor.deadletter.OriginalHeader;
import io.conveyor.deadletter.Stage;
import io.conveyor.schemas.TopicNames;
import io.conveyor.serde.avro.ConfluentAvroDeserializer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Answers what is in a pipeline's dead-letter topic, read from the topic itself (never copied
 * elsewhere) and joined with the letters' states: pages of letters, counts, one letter whole.
 */
final class DeadLetterQueries {

    static final int MAX_LIMIT = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TopicNames topics;
    private final LetterStates states;
    private final DeadLetterScan scan;
    /** Decodes the original records of letters shown whole; it caches the registry's schemas across requests. */
    private final ConfluentAvroDeserializer<Object> records = new ConfluentAvroDeserializer<>();

    DeadLetterQueries(TopicNames topics, LetterStates states, DeadLetterScan scan, Map<String, Object> clientConfig) {
        this.topics = topics;
        this.states = states;
        this.scan = scan;
        records.configure(clientConfig, false);
    }

    /** Up to {@code limit} letters matching {@code filter} from {@code after} on, and where the next page starts. */
    LetterViews.Page page(String pipeline, LetterFilter filter, Optional<LetterId> after, int limit) {
        List<LetterViews.Summary> letters = new ArrayList<>();
        String scope = scan.scope(pipeline, topics.deadLetters(pipeline));
        Optional<LetterId> next = scan.scan(topics.deadLetters(pipeline), after, filter.from(), (id, record, letter) -> {
            Optional<LetterState> state = states.state(scope, id);
            if (filter.matches(id, letter, kind(state))) {
                letters.add(LetterViews.summary(id, letter, state));
            }
            return letters.size() < limit;
        });
        return new LetterViews.Page(pipeline, letters, next.map(LetterId::toString).orElse(null));
    }

    /** How many letters match, by state, stage, task, rule and field; the counts take one pass and no letters are kept. */
    LetterViews.Counts counts(String pipeline, LetterFilter filter) {
        Map<String, Long> byState = new TreeMap<>();
        Map<String, Long> byStage = new TreeMap<>();
        Map<String, Long> byTask = new TreeMap<>();
        Map<String, Long> byRule = new TreeMap<>();
        Map<String, Long> byField = new TreeMap<>();
        long[] total = {0};
        String scope = scan.scope(pipeline, topics.deadLetters(pipeline));
        scan.scan(topics.deadLetters(pipeline), Optional.empty(), filter.from(), (id, record, letter) -> {
            LetterState.Kind kind = states.kind(scope, id);
            if (filter.matches(id, letter, kind)) {
                total[0]++;
                byState.merge(kind.name(), 1L, Long::sum);
                byStage.merge(letter.getStage().name(), 1L, Long::sum);
                byTask.merge(String.valueOf(letter.getTaskId()), 1L, Long::sum);
                byRule.merge(String.valueOf(letter.getRule()), 1L, Long::sum);
                byField.merge(String.valueOf(letter.getField()), 1L, Long::sum);
            }
            return true;
        });
        return new LetterViews.Counts(pipeline, total[0], byState, byStage, byTask, byRule, byField);
    }

    /** The letter with its original record decoded; empty when there is none with that id. */
    Optional<LetterViews.Detail> letter(String pipeline, LetterId wanted) {
        List<LetterViews.Detail> found = new ArrayList<>(1);
        String scope = scan.scope(pipeline, topics.deadLetters(pipeline));
        scan.scan(topics.deadLetters(pipeline), Optional.of(wanted), Optional.empty(), (id, record, letter) -> {
            if (id.equals(wanted)) {
                Optional<LetterState> state = states.state(scope, id);
                found.add(LetterViews.detail(id, letter, state, text(letter.getOriginalKey()), value(letter),
                        headers(letter)));
            }
            return false;
        });
        return found.stream().findFirst();
    }

    private static LetterState.Kind kind(Optional<LetterState> state) {
        return state.map(LetterState::state).orElse(LetterState.Kind.OPEN);
    }

    /**
     * The original record: decoded through the registry for a record a transform or load task
     * consumed, as text for an extract task's input (a CSV line, say); bytes that are neither are
     * shown in base64.
     */
    private Object value(DeadLetter letter) {
        if (letter.getOriginalValue() == null) {
            return null;
        }
        byte[] bytes = Utils.toArray(letter.getOriginalValue());
        if (letter.getStage() == Stage.TRANSFORM || letter.getStage() == Stage.LOAD) {
            try {
                Object record = records.deserialize(letter.getSourceTopic(), bytes);
                return JSON.readValue(GenericData.get().toString(record), Object.class);
            } catch (SerializationException | IOException e) {
                // Undecodable (that may be why it was rejected): shown as it is below.
            }
        }
        return text(letter.getOriginalValue());
    }

    private static Map<String, String> headers(DeadLetter letter) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (OriginalHeader header : letter.getOriginalHeaders()) {
            headers.put(header.getKey(), header.getValue() == null ? null : text(header.getValue()));
        }
        return headers;
    }

    /** UTF-8 text, or {@code base64:...} for bytes that are not. */
    private static String text(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] bytes = Utils.toArray(buffer);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return "base64:" + Base64.getEncoder().encodeToString(bytes);
        }
    }

}
