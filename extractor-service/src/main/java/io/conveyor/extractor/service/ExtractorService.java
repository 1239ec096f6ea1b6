package io.conveyor.extractor.service;

import io.conveyor.dataplane.AllowedHosts;
import io.conveyor.control.TaskCommand;
import io.conveyor.control.TaskKind;
import io.conveyor.extractor.ExtractorApplication;
import io.conveyor.extractor.batch.ExtractionRun;
import io.conveyor.extractor.checkpoint.KeyedTopics;
import io.conveyor.extractor.command.CommandLoop;
import io.conveyor.dataplane.ServiceClients;
import io.conveyor.dataplane.health.DependencyMonitor;
import io.conveyor.dataplane.health.ServiceHealth;
import io.conveyor.dataplane.metrics.DataPathMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.conveyor.serde.registry.SchemaRegistryClient;
import io.conveyor.extractor.task.ExtractConfigParser;
import io.conveyor.kafka.KafkaConnection;
import io.conveyor.kafka.TopicCreator;
import io.conveyor.schemas.TopicNames;
import io.conveyor.serde.avro.AvroSerdeConfig;
import io.conveyor.serde.avro.ConfluentAvroDeserializer;
import io.conveyor.serde.avro.ConfluentAvroSerializer;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extractor's Kafka clients and its command loop, started with the application context and
 * stopped (at a batch boundary) when it closes.
 */
@Context
@Requires(env = ExtractorApplication.ENVIRONMENT)
public final class ExtractorService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExtractorService.class);
    private static final Duration STATE_TOPIC_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaProducer<byte[], byte[]> producer;
    private final CommandLoop loop;
    private final Thread thread;
    private final ServiceHealth health = new ServiceHealth();
    private final DependencyMonitor dependencies;
    private final String instanceId;

    public ExtractorService(ExtractorConfiguration config, KafkaConnection kafka, MeterRegistry meters) {
        instanceId = config.instanceId();
        TopicNames topics = new TopicNames(kafka.topicPrefix());
        kafka.requireSchemaRegistryUrl();
        Map<String, Object> clients = kafka.clientConfig();
        dependencies = DependencyMonitor.kafkaAndRegistry(clients, new SchemaRegistryClient(List.of(kafka.requireSchemaRegistryUrl()), kafka.schemaRegistryUserInfo(), Duration.ofMinutes(1)));
        health.dependsOn(dependencies);
        // The extractor's checkpoints and watermarks: state, hence compacted.
        TopicCreator.ensure(kafka, STATE_TOPIC_TIMEOUT, List.of(TopicCreator.compacted(topics.checkpoints(), Optional.empty()),
                TopicCreator.compacted(topics.watermarks(), Optional.empty())));
        producer = ServiceClients.producer(clients, Optional.of(config.transactionalId()));
        producer.initTransactions();
        ConfluentAvroSerializer<Object> avro = new ConfluentAvroSerializer<>();
        avro.configure(clients, false);
        ExtractionRun.Environment environment = new ExtractionRun.Environment(producer, avro, new KeyedTopics(clients), topics,
                topics.taskStatus(), config.instanceId(), config.progressEveryBatches(), config.secretEnvironment(), Clock.systemUTC(),
                config.failurePolicy(), config.maxRecordBytes(), new DataPathMetrics(meters, "extract"),
                () -> ServiceClients.readCommittedConsumer(clients));
        loop = new CommandLoop(consumer(config, clients), topics.taskCommands(TaskKind.EXTRACT),
                new ExtractConfigParser(), topics,
                environment, config.allowedFiles(),
                AllowedHosts.of(config.allowedHosts(), ExtractorConfiguration.ALLOWED_HOSTS_KEY), health);
        thread = new Thread(loop, "extractor-commands");
        thread.start();
    }

    /** The instance's liveness (command consumer and extraction thread) and readiness (group joined, Kafka and registry). */
    public ServiceHealth health() {
        return health;
    }

    /**
     * Stops at the running extraction's next batch boundary (its open transaction is aborted and the command left
     * uncommitted, so another instance resumes from the checkpoint), leaves the command group, then closes the producer.
     */
    @PreDestroy
    @Override
    public void close() throws InterruptedException {
        loop.close();
        thread.join();
        producer.close();
        dependencies.close();
        LOG.info("extractor {} stopped: extraction drained, command consumer left its group", instanceId);
    }

    private static KafkaConsumer<String, TaskCommand> consumer(ExtractorConfiguration config, Map<String, Object> clients) {
        Map<String, Object> consumer = new HashMap<>(clients);
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, config.consumerGroup());
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        ConfluentAvroDeserializer<TaskCommand> values = new ConfluentAvroDeserializer<>();
        values.configure(consumer, false);
        consumer.remove(AvroSerdeConfig.SCHEMA_REGISTRY_URL);
        consumer.remove(AvroSerdeConfig.SPECIFIC_AVRO_READER);
        return new KafkaConsumer<>(consumer, new StringDeserializer(), values);
    }
}
