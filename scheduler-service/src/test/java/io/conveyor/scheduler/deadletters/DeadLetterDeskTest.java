package io.conveyor.scheduler.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.control.TriggerEvent;
import io.conveyor.dataplane.DataHeaders;
import io.conveyor.dataplane.replay.ReplayHeaders;
import io.conveyor.dataplane.replay.ReplaySlice;
import io.conveyor.deadletter.DeadLetter;
import io.conveyor.deadletter.Stage;
import io.conveyor.scheduler.catalog.PipelineCatalog;
import io.conveyor.scheduler.tracker.Fixtures;
import io.conveyor.scheduler.tracker.TrackerHarness;
import io.conveyor.schemas.TopicNames;
import io.conveyor.serde.avro.AvroSerdeConfig;
import io.conveyor.serde.avro.ConfluentAvroDeserializer;
import io.conveyor.serde.avro.ConfluentAvroSerializer;
import io.conveyor.testkit.CommittedRecords;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two scheduler replicas (each its own desk, states follower and catalog) against one broker:
 * letters are claimed at most once however replays and discards race, and each replay's
 * transaction holds exactly its letters' records, their states and its trigger.
 */
@ExtendWith(ConveyorStackExtension.class)
class DeadLetterDeskTest {

    private static final String PIPELINE = "diamond";
    private static final int LETTERS = 300;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ConveyorStack stack;
    private TrackerHarness harness;
    private TopicNames topics;
    private final List<AutoCloseable> replicas = new ArrayList<>();

    DeadLetterDeskTest(ConveyorStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void deployThePipelineAndWriteItsLetters() throws Exception {
        harness = new TrackerHarness(stack);
        topics = harness.topics();
        harness.deploy(Fixtures.version(PIPELINE, 1));
        stack.createTopics(3, topics.deadLetters(PIPELINE));
        stack.createTopics(1, topics.replays());
        ConfluentAvroSerializer<Object> avro = new ConfluentAvroSerializer<>();
        avro.configure(stack.clientConfig(), false);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(stack.clientConfig(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < LETTERS; i++) {
                DeadLetter letter = DeadLetter.newBuilder().setStage(Stage.TRANSFORM).setPipeline(PIPELINE)
                        .setRunId("diamond@m-first").setTaskId("clean").setRule(i % 3 == 0 ? "regex#1" : "required#2")
                        .setField("name").setMessage("rejected " + i).setSourceTopic(topics.data(PIPELINE, "extract"))
                        .setSourcePartition(0).setSourceOffset((long) i)
                        .setOriginalKey(ByteBuffer.wrap(DataHeaders.bytes("key-" + i)))
                        .setOriginalValue(ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 1, (byte) i}))
                        .setTime(Instant.parse("2026-12-07T10:00:00Z").plusSeconds(i)).build();
                producer.send(new ProducerRecord<>(topics.deadLetters(PIPELINE), i % 3, null,
                        avro.serialize(topics.deadLetters(PIPELINE), letter)));
            }
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable replica : replicas) {
            replica.close();
        }
        harness.close();
    }

    @Test
    void twoReplicasRacingToReplayTheSameLettersClaimEachOnce() throws Exception {
        DeadLetterDesk first = replica();
        DeadLetterDesk second = replica();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<Optional<DeadLetterDesk.Replay>>> answers = new ArrayList<>();
        try {
            for (DeadLetterDesk desk : List.of(first, second, first, second)) {
                answers.add(threads.submit(replayAll(desk)));
            }
            long claimed = 0;
            List<String> runs = new ArrayList<>();
            for (Future<Optional<DeadLetterDesk.Replay>> answer : answers) {
                Optional<DeadLetterDesk.Replay> replay = answer.get();
                if (replay.isPresent()) {
                    claimed += replay.get().letters();
                    runs.add(replay.get().runId());
                }
            }
            assertThat(claimed).as("letters claimed over all requests").isEqualTo(LETTERS);

            List<ConsumerRecord<byte[], byte[]>> replayed = CommittedRecords.readAll(stack, topics.replays());
            assertThat(replayed).hasSize(LETTERS);
            assertThat(replayed.stream().map(r -> DataHeaders.text(r.headers(), ReplayHeaders.LETTER)).distinct().count())
                    .as("distinct letters on the replays topic").isEqualTo(LETTERS);
            assertThat(replayed.stream().map(r -> DataHeaders.text(r.headers(), DataHeaders.RUN_ID)).collect(Collectors.toSet()))
                    .isEqualTo(Set.copyOf(runs));
            assertThat(replayed).allSatisfy(r -> {
                assertThat(DataHeaders.text(r.headers(), ReplayHeaders.ROUTE)).isEqualTo("clean");
                assertThat(DataHeaders.text(r.headers(), ReplayHeaders.EXTRACT_TASK)).isEqualTo("extract");
                assertThat(DataHeaders.text(r.headers(), ReplayHeaders.ORIGINAL_RUN)).isEqualTo("diamond@m-first");
            });

            List<ConsumerRecord<byte[], byte[]>> states = CommittedRecords.readAll(stack, topics.deadLetterStates());
            assertThat(states).as("one state per letter, never a second claim").hasSize(LETTERS);
            assertThat(states.stream().map(r -> new String(r.key())).distinct().count()).isEqualTo(LETTERS);

            List<TriggerEvent> triggers = triggers();
            assertThat(triggers).hasSize(runs.size());
            for (TriggerEvent trigger : triggers) {
                ReplaySlice slice = ReplaySlice.parse(trigger.getParameters().get(ReplaySlice.PARAMETER)).orElseThrow();
                long inSlice = replayed.stream().filter(r -> r.offset() >= slice.from() && r.offset() < slice.to()).count();
                assertThat(inSlice).as("the slice of %s holds its run's letters", trigger.getIdempotencyKey())
                        .isEqualTo(replayed.stream().filter(r -> r.offset() >= slice.from() && r.offset() < slice.to())
                                .filter(r -> DataHeaders.text(r.headers(), DataHeaders.RUN_ID).equals(
                                        io.conveyor.control.RunIds.manual(PIPELINE, trigger.getIdempotencyKey()))).count());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aDiscardedLetterIsNeverReplayedAndAReplayedOneNeverDiscarded() {
        DeadLetterDesk desk = replica();
        LetterFilter regex = rule("regex");

        DeadLetterDesk.Discard discard = desk.discard(PIPELINE, regex, "bad at the source", "ann");
        DeadLetterDesk.Replay replay = desk.replay(PIPELINE, LetterFilter.all(), LetterPatch.none(), "bob");

        assertThat(discard.discarded()).isEqualTo(LETTERS / 3);
        assertThat(replay.letters()).isEqualTo(LETTERS - LETTERS / 3);
        assertThat(replay.skipped().discarded()).isEqualTo(LETTERS / 3);
        assertThatThrownBy(() -> desk.discard(PIPELINE, LetterFilter.all(), "too late", "ann"))
                .isInstanceOf(DeadLetterDesk.NothingToDo.class)
                .satisfies(e -> assertThat(((DeadLetterDesk.NothingToDo) e).skipped())
                        .isEqualTo(new DeadLetterDesk.Skipped(LETTERS - LETTERS / 3, LETTERS / 3, 0, 0)));
    }

    @Test
    void theQueriesShowEachLettersStateAndPageInIdOrder() {
        DeadLetterDesk desk = replica();
        LetterStates states = LetterStates.start(stack.clientConfig(), topics, TIMEOUT);
        replicas.add(states);
        DeadLetterScan scan = new DeadLetterScan(stack.clientConfig(), TIMEOUT);
        replicas.add(scan);
        DeadLetterQueries queries = new DeadLetterQueries(topics, states, scan, stack.clientConfig());
        desk.discard(PIPELINE, rule("regex"), "bad at the source", "ann");
        states.catchUp();

        LetterViews.Counts counts = queries.counts(PIPELINE, LetterFilter.all());
        List<String> ids = new ArrayList<>();
        Optional<LetterId> after = Optional.empty();
        do {
            LetterViews.Page page = queries.page(PIPELINE, LetterFilter.all(), after, 41);
            page.letters().forEach(letter -> ids.add(letter.id()));
            after = Optional.ofNullable(page.next()).flatMap(LetterId::parse);
        } while (after.isPresent());
        LetterViews.Detail detail = queries.letter(PIPELINE, new LetterId(0, 0)).orElseThrow();

        assertThat(counts.total()).isEqualTo(LETTERS);
        assertThat(counts.byState()).isEqualTo(Map.of("DISCARDED", (long) LETTERS / 3, "OPEN", (long) LETTERS - LETTERS / 3));
        assertThat(ids).hasSize(LETTERS).doesNotHaveDuplicates()
                .isSortedAccordingTo((a, b) -> LetterId.parse(a).orElseThrow().compareTo(LetterId.parse(b).orElseThrow()));
        assertThat(detail.state()).isEqualTo("DISCARDED");
        assertThat(detail.stateDetail().reason()).isEqualTo("bad at the source");
        assertThat(detail.key()).isEqualTo("key-0");
        assertThat(queries.letter(PIPELINE, new LetterId(0, LETTERS))).isEmpty();
        assertThat(queries.page(PIPELINE, rule("regex").withState(LetterState.Kind.OPEN), Optional.empty(), 10).letters())
                .isEmpty();
    }

    private Callable<Optional<DeadLetterDesk.Replay>> replayAll(DeadLetterDesk desk) {
        return () -> {
            try {
                return Optional.of(desk.replay(PIPELINE, LetterFilter.all(), LetterPatch.none(), "racer"));
            } catch (DeadLetterDesk.NothingToDo e) {
                return Optional.empty();
            }
        };
    }

    private DeadLetterDesk replica() {
        PipelineCatalog catalog = PipelineCatalog.start(stack.clientConfig(), topics, TIMEOUT);
        LetterStates states = LetterStates.start(stack.clientConfig(), topics, TIMEOUT);
        replicas.add(catalog);
        replicas.add(states);
        DeadLetterScan scan = new DeadLetterScan(stack.clientConfig(), TIMEOUT);
        replicas.add(scan);
        return new DeadLetterDesk(stack.clientConfig(), topics, catalog, states, scan, Clock.systemUTC());
    }

    private List<TriggerEvent> triggers() {
        Map<String, Object> config = new HashMap<>(stack.clientConfig());
        config.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        ConfluentAvroDeserializer<TriggerEvent> values = new ConfluentAvroDeserializer<>();
        values.configure(config, false);
        return CommittedRecords.readAll(stack, topics.triggers()).stream()
                .map(r -> values.deserialize(r.topic(), r.value()))
                .filter(t -> t.getParameters().containsKey(ReplaySlice.PARAMETER)).toList();
    }

    private static LetterFilter rule(String rule) {
        return new LetterFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(rule), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Set.of());
    }
}
