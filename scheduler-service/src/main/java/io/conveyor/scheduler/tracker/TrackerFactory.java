package io.conveyor.scheduler.tracker;

import io.conveyor.kafka.KafkaConnection;
import io.conveyor.scheduler.catalog.PipelineCatalog;
import io.conveyor.schemas.TopicNames;
import io.conveyor.scheduler.SchedulerApplication;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and starts the tracker's {@link KafkaStreams}. A plain KafkaStreams rather than
 * micronaut-kafka-streams' builder, so that the topology is the plain Processor API topology of
 * {@link TrackerTopology} and all of its settings are visible here.
 */
@Factory
@Requires(env = SchedulerApplication.ENVIRONMENT)
@Requires(beans = TrackerConfiguration.class)
public class TrackerFactory {

    /**
     * Qualifier of the tracker's {@link KafkaStreams} bean, so that other Kafka Streams
     * applications of the service (micronaut-kafka-streams creates its own) never get mixed up with it.
     */
    public static final String TRACKER = "dag-tracker";

    /** The consumer's internal switch Kafka Streams turns off; see {@link #membership}. */
    static final String LEAVE_GROUP_ON_CLOSE = "internal.leave.group.on.close";

    private static final Logger LOG = LoggerFactory.getLogger(TrackerFactory.class);

    @Context
    @Named(TRACKER)
    @Bean(preDestroy = "close")
    KafkaStreams tracker(TrackerConfiguration config, KafkaConnection kafka, PipelineCatalog catalog) {
        // The catalog is a parameter for its side effect: it creates the compacted pipelines topic, which the
        // tracker's global store must find when it starts. Without it the two eager beans start in an order of
        // the container's choosing, and the run metrics (which need this bean) made the tracker come first.
        kafka.requireSchemaRegistryUrl();
        Map<String, Object> serdeConfig = kafka.clientConfig();
        var topics = new TopicNames(kafka.topicPrefix());
        var topology = TrackerTopology.build(topics, serdeConfig, config.tickInterval(), config.retention());
        LOG.info("DAG tracker topology:\n{}", topology.describe());
        var streams = new KafkaStreams(topology, properties(config, kafka));
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("tracker stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        return streams;
    }

    /**
     * Whether a restarted instance is queryable at once. A new member of the group makes the
     * coordinator rebalance, and the rebalance waits for every member it knows to rejoin: without
     * more, for the closed instance's former self until its session times out (45 s), and the run
     * stores stay unqueryable that long. A static member ({@code group.instance.id}, Kafka Streams
     * adds the thread index) simply takes its former self's place and assignment back, even after a
     * crash. A dynamic member cannot be recognised, so it leaves the group when it closes, which
     * Kafka Streams does not do by default (it keeps a closing member to spare the others a
     * rebalance when the same member returns, which a dynamic member never does).
     */
    private static void membership(TrackerConfiguration config, Properties props) {
        config.instanceId().ifPresentOrElse(
                id -> props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), id),
                () -> props.put(StreamsConfig.mainConsumerPrefix(LEAVE_GROUP_ON_CLOSE), true));
    }

    /** The shared client configuration (security settings included) under the tracker's own Streams settings. */
    static Properties properties(TrackerConfiguration config, KafkaConnection kafka) {
        var props = new Properties();
        props.putAll(kafka.clientConfig());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, config.applicationServer());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.replicationFactor());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
        props.put(StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, PoisonRecordHandler.class);
        props.put(PoisonRecordHandler.TOPIC_PREFIX_CONFIG, kafka.topicPrefix());
        membership(config, props);
        return props;
    }
}
