package io.conveyor.scheduler.deadletters;

import io.conveyor.control.RunIds;
import io.conveyor.control.TriggerAction;
import io.conveyor.control.TriggerEvent;
import io.conveyor.dataplane.DataHeaders;
import io.conveyor.dataplane.ServiceClients;
import io.conveyor.dataplane.replay.ReplayHeaders;
import io.conveyor.dataplane.replay.ReplaySlice;
import io.conveyor.deadletter.DeadLetter;
import io.conveyor.deadletter.OriginalHeader;
import io.conveyor.deadletter.Stage;
import io.conveyor.scheduler.catalog.DeployedPipeline;
import io.conveyor.scheduler.catalog.PipelineCatalog;
import io.conveyor.schemas.TopicNames;
import io.conveyor.serde.avro.ConfluentAvroDeserializer;
import io.conveyor.serde.avro.ConfluentAvroSerializer;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays and discards letters, each at most once. Every change to a pipeline's letters is one
 * Kafka transaction of a producer whose transactional id belongs to the pipeline
 * ({@code {prefix}.dead-letters.{pipeline}}), shared by every scheduler replica: initialising it
 * fences (and aborts) any other claim in flight on the same pipeline, and the claim reads the states
 * topic to its end only after that, so it sees every claim committed before it. A replay's
 * transaction holds the letters' states (REPLAYED by the new run), the letters' records on the
 * replays topic and the trigger that starts the run: either the run exists with exactly its letters
 * claimed, or nothing happened.
 */
final class DeadLetterDesk {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDesk.class);
    /** Claims racing on one pipeline fence each other; the loser plans again on the winner's states. */
    private static final int ATTEMPTS = 10;
    /** A claim over a large dead-letter topic takes a while; the broker's default maximum. */
    private static final int TRANSACTION_TIMEOUT_MS = 900_000;

    private final Map<String, Object> clientConfig;
    private final TopicNames topics;
    private final PipelineCatalog catalog;
    private final LetterStates states;
    private final DeadLetterScan scan;
    private final Clock clock;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    /** Thread-safe, and caching the registry's answers across requests. */
    private final ConfluentAvroSerializer<TriggerEvent> triggers = new ConfluentAvroSerializer<>();
    private final ConfluentAvroDeserializer<GenericRecord> records = new ConfluentAvroDeserializer<>();

    DeadLetterDesk(Map<String, Object> clientConfig, TopicNames topics, PipelineCatalog catalog, LetterStates states,
                   DeadLetterScan scan, Clock clock) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.topics = topics;
        this.catalog = catalog;
        this.states = states;
        this.scan = scan;
        this.clock = clock;
        triggers.configure(this.clientConfig, false);
        records.configure(this.clientConfig, false);
    }

    /** Letters a request selected but left alone, by why. */
    @Serdeable
    record Skipped(long replayed, long discarded, long extractStage, long unknownTask) {
    }

    record Replay(String runId, long letters, Skipped skipped) {
    }

    record Discard(long discarded, Skipped skipped) {
    }

    /** Nothing the request selected could be replayed or discarded: 409. */
    static final class NothingToDo extends Refused {
        NothingToDo(String message, Skipped skipped) {
            super(HttpStatus.CONFLICT, "selection", message, skipped);
        }
    }

    /**
     * Claims the open letters {@code selection} matches for a new replay run of the pipeline's current
     * version and triggers it.
     *
     * @throws NothingToDo when no selected letter is open and replayable
     * @throws LetterPatch.PatchException when {@code patch} does not fit a selected letter's record
     */
    Replay replay(String pipeline, LetterFilter selection, LetterPatch patch, String requestedBy) {
        DeployedPipeline deployed = deployed(pipeline);
        if (deployed.version().getPaused()) {
            throw new Refused(HttpStatus.CONFLICT, "name", "pipeline '" + pipeline + "' is paused; unpause it to replay its letters",
                    null);
        }
        ReplayRoutes routes = new ReplayRoutes(deployed.spec(), topics);
        return withClaim(pipeline, producer -> replayIn(producer, pipeline, selection.withState(LetterState.Kind.OPEN),
                selection, routes, patch, requestedBy));
    }

    /**
     * Marks the open letters {@code selection} matches as discarded.
     *
     * @throws NothingToDo when no selected letter is open
     */
    Discard discard(String pipeline, LetterFilter selection, String reason, String requestedBy) {
        deployed(pipeline);
        return withClaim(pipeline, producer -> discardIn(producer, pipeline, selection, reason, requestedBy));
    }

    private DeployedPipeline deployed(String pipeline) {
        return catalog.pipeline(pipeline).filter(p -> !p.version().getDeleted())
                .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "name", "no pipeline '" + pipeline + "'", null));
    }

    private Replay replayIn(KafkaProducer<byte[], byte[]> producer, String pipeline, LetterFilter open, LetterFilter selection,
                            ReplayRoutes routes, LetterPatch patch, String requestedBy) throws Exception {
        String key = "replay:" + UUID.randomUUID();
        String runId = RunIds.manual(pipeline, key);
        int partition = Utils.toPositive(Utils.murmur2(DataHeaders.bytes(runId))) % producer.partitionsFor(topics.replays()).size();
        Tally tally = new Tally();
        Future<RecordMetadata>[] firstAndLast = newFutures();
        LetterState claimed = LetterState.replayed(runId, requestedBy, clock.instant());
        String scope = scan.scope(pipeline, topics.deadLetters(pipeline));
        scan.scan(topics.deadLetters(pipeline), Optional.empty(), selection.from(), (id, record, letter) -> {
            if (!tally.open(open, selection, id, letter, states.kind(scope, id))) {
                return true;
            }
            Optional<ReplayRoutes.Route> route = letter.getStage() == Stage.TRANSFORM || letter.getStage() == Stage.LOAD
                    ? routes.route(letter.getTaskId(), letter.getSourceTopic()) : Optional.empty();
            if (letter.getStage() != Stage.TRANSFORM && letter.getStage() != Stage.LOAD) {
                tally.extractStage++;
                return true;
            }
            if (route.isEmpty() || letter.getOriginalValue() == null) {
                tally.unknownTask++;
                return true;
            }
            byte[] value = Utils.toArray(letter.getOriginalValue());
            if (!patch.isEmpty()) {
                value = LetterPatch.reframe(value, patch.apply(decoded(records, id, letter, value)));
            }
            Future<RecordMetadata> sent = producer.send(new ProducerRecord<>(topics.replays(), partition,
                    letter.getOriginalKey() == null ? null : Utils.toArray(letter.getOriginalKey()), value,
                    replayHeaders(runId, id, letter, route.get())));
            if (firstAndLast[0] == null) {
                firstAndLast[0] = sent;
            }
            firstAndLast[1] = sent;
            tally.lastState = producer.send(new ProducerRecord<>(topics.deadLetterStates(),
                    DataHeaders.bytes(id.stateKey(scope)), claimed.toJson()));
            tally.claimed++;
            return true;
        });
        if (tally.claimed == 0) {
            throw new NothingToDo("no open dead letter of pipeline '" + pipeline + "' that can be replayed matches the"
                    + " selection" + tally.why(), tally.skipped());
        }
        producer.flush();
        ReplaySlice slice = new ReplaySlice(partition, firstAndLast[0].get().offset(), firstAndLast[1].get().offset() + 1);
        TriggerEvent trigger = TriggerEvent.newBuilder()
                .setPipeline(pipeline)
                .setAction(TriggerAction.START)
                .setIdempotencyKey(key)
                .setParameters(Map.of(ReplaySlice.PARAMETER, slice.text()))
                .setRerunOf(selection.run().orElse(null))
                .setRequestedBy(requestedBy)
                .setRequestedAt(clock.instant())
                .build();
        producer.send(new ProducerRecord<>(topics.triggers(), DataHeaders.bytes(pipeline), triggers.serialize(topics.triggers(), trigger)));
        producer.commitTransaction();
        states.awaitOwn(tally.lastState.get());
        LOG.info("replay run {} of pipeline {} claimed {} letters ({})", runId, pipeline, tally.claimed, slice.text());
        return new Replay(runId, tally.claimed, tally.skipped());
    }

    private Discard discardIn(KafkaProducer<byte[], byte[]> producer, String pipeline, LetterFilter selection, String reason,
                              String requestedBy) throws Exception {
        Tally tally = new Tally();
        LetterFilter open = selection.withState(LetterState.Kind.OPEN);
        LetterState discarded = LetterState.discarded(reason, requestedBy, clock.instant());
        String scope = scan.scope(pipeline, topics.deadLetters(pipeline));
        scan.scan(topics.deadLetters(pipeline), Optional.empty(), selection.from(), (id, record, letter) -> {
            if (tally.open(open, selection, id, letter, states.kind(scope, id))) {
                tally.lastState = producer.send(new ProducerRecord<>(topics.deadLetterStates(),
                        DataHeaders.bytes(id.stateKey(scope)), discarded.toJson()));
                tally.claimed++;
            }
            return true;
        });
        if (tally.claimed == 0) {
            throw new NothingToDo("no open dead letter of pipeline '" + pipeline + "' matches the selection" + tally.why(),
                    tally.skipped());
        }
        producer.commitTransaction();
        states.awaitOwn(tally.lastState.get());
        LOG.info("{} letters of pipeline {} discarded by {}: {}", tally.claimed, pipeline, requestedBy, reason);
        return new Discard(tally.claimed, tally.skipped());
    }

    /** A claim body, run inside the pipeline's claim transaction: it commits it, or throws and the transaction is aborted. */
    private interface Claim<T> {
        T run(KafkaProducer<byte[], byte[]> producer) throws Exception;
    }

    private <T> T withClaim(String pipeline, Claim<T> claim) {
        // Claims of one replica on one pipeline wait for each other here instead of fencing each other.
        synchronized (locks.computeIfAbsent(pipeline, name -> new Object())) {
            return claimFencingOtherReplicas(pipeline, claim);
        }
    }

    private <T> T claimFencingOtherReplicas(String pipeline, Claim<T> claim) {
        for (int attempt = 1; ; attempt++) {
            try (KafkaProducer<byte[], byte[]> producer = claimProducer(pipeline)) {
                producer.initTransactions();
                // Only now: every claim committed before this producer fenced its predecessor is on the topic.
                states.catchUp();
                producer.beginTransaction();
                long before = System.nanoTime();
                T result;
                try {
                    result = claim.run(producer);
                } catch (Exception e) {
                    abortQuietly(producer);
                    throw e;
                }
                LOG.debug("claim on {} took {} ms", pipeline, (System.nanoTime() - before) / 1_000_000);
                return result;
            } catch (Exception e) {
                // Fencing shows up as itself, wrapped by the producer, or inside a send's future.
                if (fenced(e)) {
                    if (attempt == ATTEMPTS) {
                        throw new IllegalStateException("another replay or discard of pipeline '" + pipeline
                                + "' kept taking over; try again", e);
                    }
                    // Long enough for the other claim to finish its scan, random so that two do not meet again.
                    sleep(ThreadLocalRandom.current().nextLong(100, 500) * attempt);
                    continue;
                }
                if (e instanceof RuntimeException runtime) {
                    throw runtime;
                }
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                throw new KafkaException("writing the claim of pipeline '" + pipeline + "' failed: " + cause.getMessage(), cause);
            }
        }
    }

    private KafkaProducer<byte[], byte[]> claimProducer(String pipeline) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS);
        return ServiceClients.producer(config, Optional.of(topics.prefix() + ".dead-letters." + pipeline));
    }

    private static boolean fenced(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProducerFencedException || cause instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The record a replay run's extract task writes: the letter's original headers without the run,
     * task and replay headers of the run that rejected it, then the new run's and the route and
     * lineage. Lineage always names the first letter and run, however often the record was replayed.
     */
    private static RecordHeaders replayHeaders(String runId, LetterId id, DeadLetter letter, ReplayRoutes.Route route) {
        RecordHeaders headers = new RecordHeaders();
        for (OriginalHeader header : letter.getOriginalHeaders()) {
            String name = header.getKey();
            if (!name.equals(DataHeaders.RUN_ID) && !name.equals(DataHeaders.TASK) && !ReplayHeaders.isReplayHeader(name)) {
                headers.add(name, header.getValue() == null ? null : Utils.toArray(header.getValue()));
            }
        }
        headers.add(DataHeaders.RUN_ID, DataHeaders.bytes(runId));
        headers.add(ReplayHeaders.EXTRACT_TASK, DataHeaders.bytes(route.extractTask()));
        headers.add(ReplayHeaders.ROUTE, DataHeaders.bytes(route.header()));
        headers.add(ReplayHeaders.LETTER, DataHeaders.bytes(letter.getFirstLetter() != null ? letter.getFirstLetter() : id.toString()));
        headers.add(ReplayHeaders.ATTEMPT, DataHeaders.bytes(Integer.toString(letter.getReplayAttempt())));
        headers.add(ReplayHeaders.ORIGINAL_RUN, DataHeaders.bytes(letter.getOriginalRunId() != null
                ? letter.getOriginalRunId() : String.valueOf(letter.getRunId())));
        return headers;
    }

    /** The letter's record, which an edit needs decoded; one that cannot be decoded cannot be edited. */
    private static GenericRecord decoded(ConfluentAvroDeserializer<GenericRecord> records, LetterId id, DeadLetter letter,
                                         byte[] value) {
        try {
            return records.deserialize(letter.getSourceTopic(), value);
        } catch (SerializationException e) {
            throw new LetterPatch.PatchException("set: the record of letter " + id + " cannot be decoded ("
                    + e.getMessage() + "); select letters whose records can be edited");
        }
    }


    @SuppressWarnings("unchecked")
    private static Future<RecordMetadata>[] newFutures() {
        return new Future[2];
    }

    private static void abortQuietly(KafkaProducer<byte[], byte[]> producer) {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            LOG.debug("could not abort a claim transaction: {}", e.toString());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** What a claim found among the selected letters. */
    private static final class Tally {
        Future<RecordMetadata> lastState;
        long claimed;
        long replayed;
        long discarded;
        long extractStage;
        long unknownTask;

        /** Whether the letter is selected and open; counts the selected ones that are not. */
        boolean open(LetterFilter open, LetterFilter selection, LetterId id, DeadLetter letter, LetterState.Kind kind) {
            if (open.matches(id, letter, kind)) {
                return true;
            }
            if (kind != LetterState.Kind.OPEN && selection.matches(id, letter, kind)) {
                if (kind == LetterState.Kind.REPLAYED) {
                    replayed++;
                } else {
                    discarded++;
                }
            }
            return false;
        }

        Skipped skipped() {
            return new Skipped(replayed, discarded, extractStage, unknownTask);
        }

        String why() {
            return " (of the selected letters " + replayed + " are replayed already, " + discarded + " discarded, "
                    + extractStage + " were rejected by an extract task and " + unknownTask
                    + " by a task the current version no longer has as it was)";
        }
    }
}
