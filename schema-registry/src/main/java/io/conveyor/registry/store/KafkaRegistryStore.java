package io.conveyor.registry.store;

import io.conveyor.registry.core.RegistryException;
import io.conveyor.kafka.CompactedTopicLog;
import io.conveyor.kafka.CompactedTopicLog.TopicReadException;
import io.conveyor.kafka.CompactedTopicLog.TopicReadTimeoutException;
import io.conveyor.kafka.TopicCreator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The registry's storage: a single-partition compacted Kafka topic, folded into a
 * {@link RegistryState} by the shared {@link CompactedTopicLog} that follows it.
 *
 * <p>Every write is a Kafka transaction of a producer whose transactional id is shared by all
 * instances. A producer that initialises fences every other one, so a write that commits was
 * planned on a state that had read every earlier commit: before planning, the writer reads to
 * the end of the topic, and if another instance initialised since, the commit fails as fenced
 * and the write is planned again. Ids and versions are therefore unique without a leader, and no
 * losing claim is ever committed, so compaction can never promote one.
 */
public final class KafkaRegistryStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaRegistryStore.class);
    private static final int MAX_WRITE_ATTEMPTS = 10;

    private final StoreSettings settings;
    private final TopicPartition partition;
    private final StoreCodec codec = new StoreCodec();
    private final RegistryState state;
    private final Admin admin;
    private CompactedTopicLog<byte[], byte[]> log;
    private KafkaProducer<byte[], byte[]> producer;

    private KafkaRegistryStore(StoreSettings settings) {
        this.settings = settings;
        this.partition = new TopicPartition(settings.topic(), 0);
        this.state = new RegistryState(settings.defaultLevel());
        this.admin = Admin.create(clientConfig(Map.of()));
    }

    /** Creates the topic when it is missing, reads it to the end and keeps following it. */
    public static KafkaRegistryStore open(StoreSettings settings) {
        KafkaRegistryStore store = new KafkaRegistryStore(settings);
        try {
            store.ensureTopic();
            store.log = follow(() -> CompactedTopicLog.follow(store.clientConfig(Map.of()), settings.topic(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer(), store::fold, settings.timeout()));
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public RegistryState state() {
        return state;
    }

    /** Waits until this instance has folded every record committed before the call. */
    public void syncToEnd() {
        follow(log::readToEnd);
    }

    /** The shared log's failures as the registry's own: a timeout is retryable, anything else a store error. */
    private static <T> T follow(Supplier<T> read) {
        try {
            return read.get();
        } catch (TopicReadTimeoutException e) {
            throw RegistryException.timeout(e.getMessage());
        } catch (TopicReadException e) {
            throw RegistryException.storeError("The registry cannot read its topic: " + e.getMessage(), e);
        }
    }

    private static void follow(Runnable read) {
        follow(() -> {
            read.run();
            return null;
        });
    }

    /**
     * Plans a write on the current state and commits it atomically; planned again when another
     * instance wrote in between.
     *
     * @param planner reads the state and returns the records to append with the caller's answer;
     *                it may throw a {@link RegistryException} to refuse the write
     */
    public synchronized <T> T write(Function<RegistryState, PlannedWrite<T>> planner) {
        for (int attempt = 1; ; attempt++) {
            KafkaProducer<byte[], byte[]> writer = writer();
            syncToEnd();
            PlannedWrite<T> plan = planner.apply(state);
            if (plan.records().isEmpty()) {
                return plan.result();
            }
            try {
                writer.beginTransaction();
                Future<RecordMetadata> last = null;
                for (StoreRecord record : plan.records()) {
                    last = writer.send(new ProducerRecord<>(settings.topic(), 0, codec.key(record), codec.value(record)));
                }
                writer.commitTransaction();
                // The commit returns before its markers are written, so the committed end offset may
                // not include these records yet; the reader passing them is what makes them visible.
                long after = last.get().offset() + 1;
                follow(() -> log.awaitOffsets(Map.of(partition, after)));
                return plan.result();
            } catch (KafkaException | ExecutionException e) {
                // Fenced by another instance, or the commit's outcome is unknown (a broker error while
                // another instance initialised). Either way a new producer's initialisation completes
                // or aborts the transaction, and planning again on the state read after it answers
                // from what was really committed.
                LOG.info("Registry write to {} not confirmed (attempt {}): {}; planning it again",
                        settings.topic(), attempt, e.toString());
                discardWriter();
                if (attempt >= MAX_WRITE_ATTEMPTS) {
                    throw RegistryException.storeError("Gave up writing to " + settings.topic() + " after "
                            + attempt + " attempts: " + e.getMessage(), e);
                }
                backOff(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw RegistryException.timeout("Interrupted while writing to " + settings.topic());
            }
        }
    }

    /** Random, growing pauses keep two instances from fencing each other in lockstep. */
    private void backOff(int attempt) {
        try {
            TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextLong(10L * attempt, 50L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.timeout("Interrupted while retrying a write to " + settings.topic());
        }
    }

    @Override
    public void close() {
        if (log != null) {
            log.close();
        }
        discardWriter();
        admin.close(Duration.ofSeconds(5));
    }

    private void fold(ConsumerRecord<byte[], byte[]> record) {
        try {
            codec.decode(record.key(), record.value()).ifPresentOrElse(state::apply,
                    () -> LOG.warn("Skipping a registry record of an unknown key type at {}-{} offset {}",
                            record.topic(), record.partition(), record.offset()));
        } catch (RuntimeException e) {
            // One unreadable record must not take the registry down; it is logged with its position.
            LOG.error("Skipping an unreadable registry record at {}-{} offset {}: {}",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    private KafkaProducer<byte[], byte[]> writer() {
        if (producer == null) {
            producer = new KafkaProducer<>(clientConfig(Map.of(
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.writerId(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
            producer.initTransactions();
        }
        return producer;
    }

    private void discardWriter() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    /** The single-partition compacted storage topic, replicated up to three times as the cluster allows. */
    private void ensureTopic() {
        try {
            int brokers = admin.describeCluster().nodes().get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS).size();
            NewTopic topic = new NewTopic(settings.topic(), Optional.of(1), Optional.of((short) Math.min(3, brokers)))
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            TopicCreator.using(admin, settings.timeout()).ensureExactPartitions(topic);
        } catch (TopicCreator.TopicCreationException e) {
            throw RegistryException.storeError("The storage topic " + settings.topic() + " is unusable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.timeout("Interrupted while creating " + settings.topic());
        } catch (ExecutionException e) {
            throw RegistryException.storeError("Cannot reach the cluster to create " + settings.topic(), e);
        } catch (TimeoutException e) {
            throw RegistryException.timeout("Timed out creating the storage topic " + settings.topic());
        }
    }

    private Map<String, Object> clientConfig(Map<String, Object> specific) {
        Map<String, Object> config = new HashMap<>(settings.clientOverrides());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.putAll(specific);
        return config;
    }

    /** The records a write appends and what the write answers once they are committed. */
    public record PlannedWrite<T>(List<StoreRecord> records, T result) {

        public static <T> PlannedWrite<T> nothing(T result) {
            return new PlannedWrite<>(List.of(), result);
        }
    }
}
