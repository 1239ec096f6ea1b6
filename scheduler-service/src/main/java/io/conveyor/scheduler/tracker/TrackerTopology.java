package io.conveyor.scheduler.tracker;

import io.conveyor.control.PipelineVersion;
import io.conveyor.control.TaskCommand;
import io.conveyor.control.TaskStatus;
import io.conveyor.control.TriggerEvent;
import io.conveyor.schemas.TopicNames;
import io.conveyor.serde.avro.ConfluentAvroDeserializer;
import io.conveyor.serde.avro.ConfluentAvroSerializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The DAG tracker's topology.
 *
 * <pre>
 * triggers-source (triggers, key pipeline) ------> trigger-processor --+--> task-commands-sink (task-commands.{kind}, key run id)
 * task-status-source (task-status, key pipeline) -> status-processor --+--> runs-sink (runs, key run id)
 *                                                                       +--> alerts-sink (alerts, key run id)
 *                                                   (punctuator)        +--> trigger-dlq-sink (triggers.dlq; trigger-processor only)
 * pipelines (global, key pipeline) -> pipeline-store-updater -> tracker-pipelines
 * </pre>
 * Both processors share the run stores (see {@link TrackerStores}); since both inputs are keyed by
 * pipeline, all runs of a pipeline live in one stream task, which makes max-active-runs
 * admission a local decision.
 */
public final class TrackerTopology {

    private TrackerTopology() {
    }

    /**
     * @param serdeConfig the Avro serde settings (schema.registry.url, ...)
     */
    public static Topology build(TopicNames topics, Map<String, ?> serdeConfig, Duration tickInterval,
            Duration retention) {
        Map<String, Object> readerConfig = new HashMap<>(serdeConfig);
        readerConfig.put("specific.avro.reader", true);
        Serde<String> keys = Serdes.String();
        Serde<TrackedRun> runs = RunJson.serde();
        Topology topology = new Topology();
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TrackerStores.PIPELINES), keys,
                        Serdes.serdeFrom(avroSerializer(serdeConfig), avroDeserializer(readerConfig))).withLoggingDisabled(),
                "pipelines-source", keys.deserializer(), TrackerTopology.<PipelineVersion>avroDeserializer(readerConfig),
                topics.pipelines(), "pipeline-store-updater", PipelineStoreUpdater::new);
        topology.addSource("triggers-source", keys.deserializer(), TrackerTopology.<TriggerEvent>avroDeserializer(readerConfig),
                topics.triggers());
        topology.addSource("task-status-source", keys.deserializer(), TrackerTopology.<TaskStatus>avroDeserializer(readerConfig),
                topics.taskStatus());
        topology.addProcessor("trigger-processor", () -> new TriggerProcessor(topics), "triggers-source");
        topology.addProcessor("status-processor", () -> new StatusProcessor(tickInterval, retention), "task-status-source");
        String[] processors = {"trigger-processor", "status-processor"};
        topology.addStateStore(store(TrackerStores.RUNS, runs), processors);
        for (String index : new String[] {TrackerStores.RUNS_BY_TIME, TrackerStores.RUNS_BY_PIPELINE,
                TrackerStores.ACTIVE, TrackerStores.QUEUE}) {
            topology.addStateStore(store(index, keys), processors);
        }
        Serializer<SpecificRecord> values = avroSerializer(serdeConfig);
        TopicNameExtractor<String, SpecificRecord> commandTopic =
                (key, command, context) -> topics.taskCommands(((TaskCommand) command).getKind());
        topology.addSink(RunControl.COMMANDS_SINK, commandTopic, keys.serializer(), values, processors);
        topology.addSink(RunControl.RUNS_SINK, topics.runs(), keys.serializer(), values, processors);
        topology.addSink(RunControl.ALERTS_SINK, topics.alerts(), keys.serializer(), values, processors);
        topology.addSink(TriggerProcessor.DEAD_LETTER_SINK, topics.triggerDeadLetters(), keys.serializer(), values,
                "trigger-processor");
        return topology;
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values);
    }

    private static <T> Serializer<T> avroSerializer(Map<String, ?> config) {
        Serializer<T> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(config, false);
        return serializer;
    }

    private static <T> Deserializer<T> avroDeserializer(Map<String, ?> config) {
        Deserializer<T> deserializer = new ConfluentAvroDeserializer<>();
        deserializer.configure(config, false);
        return deserializer;
    }
}
