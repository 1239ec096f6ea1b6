package io.conveyor.scheduler.schedule;

import io.conveyor.control.TriggerAction;
import io.conveyor.control.TriggerEvent;
import io.conveyor.scheduler.catalog.DeployedPipeline;
import io.conveyor.scheduler.catalog.PipelineCatalog;
import io.conveyor.schemas.TopicNames;
import io.conveyor.serde.avro.ConfluentAvroSerializer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The cron firing loop: each {@link #tick()} publishes a {@link TriggerEvent} (keyed by pipeline,
 * {@code requestedBy = "scheduler"}) for every due fire time of every scheduled pipeline, and in the
 * same Kafka transaction records how far each pipeline's schedule has been dealt with.
 *
 * <p>Replicas need no leader: each reads the shared state before deciding, and when two replicas
 * decide on the same window before seeing each other's progress they publish triggers with the
 * same logical times, which map to the same deterministic run id, so the tracker starts the run once.
 *
 * <p>A pipeline never scheduled before starts its schedule at its deployment time. A paused pipeline
 * (its version record on the pipelines topic says so, so every replica agrees) is not fired. Not thread-safe:
 * one thread ticks.
 */
public final class CronFiring implements AutoCloseable {

    public static final String REQUESTED_BY = "scheduler";

    private final PipelineCatalog catalog;
    private final ScheduleState state;
    private final ScheduleCalculator calculator;
    private final TopicNames topics;
    private final Map<String, Object> producerConfig;
    private final Clock clock;
    private Producer<String, byte[]> producer;
    private final Serializer<TriggerEvent> triggerSerializer;
    /** The state topic holds plain 8-byte longs, readable without a registry. */
    private final LongSerializer stateSerializer = new LongSerializer();

    private CronFiring(PipelineCatalog catalog, ScheduleState state, ScheduleCalculator calculator, TopicNames topics,
                       Map<String, Object> producerConfig, Clock clock) {
        this.catalog = catalog;
        this.state = state;
        this.calculator = calculator;
        this.topics = topics;
        this.producerConfig = producerConfig;
        this.clock = clock;
        this.triggerSerializer = new ConfluentAvroSerializer<>();
        this.triggerSerializer.configure(producerConfig, false);
    }

    /**
     * @param clientConfig Kafka client settings and {@code schema.registry.url}
     * @param instanceId   unique per replica; names its transactional producer
     */
    public static CronFiring start(PipelineCatalog catalog, ScheduleCalculator calculator, TopicNames topics,
                                   Map<String, Object> clientConfig, Clock clock, String instanceId, Duration timeout) {
        Objects.requireNonNull(instanceId, "instanceId");
        Map<String, Object> producerConfig = new HashMap<>(clientConfig);
        producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topics.prefix() + ".scheduler." + instanceId);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        ScheduleState state = ScheduleState.start(clientConfig, topics, timeout);
        return new CronFiring(catalog, state, calculator, topics, producerConfig, clock);
    }

    /**
     * Fires what is due now.
     *
     * @return the triggers published, oldest logical time first per pipeline
     * @throws SchedulingException if publishing failed; nothing of this tick is then visible
     */
    public List<TriggerEvent> tick() {
        refreshState();
        return fireDue();
    }

    void refreshState() {
        catalog.catchUp();
        state.catchUp();
    }

    List<TriggerEvent> fireDue() {
        Instant now = clock.instant();
        Map<String, FirePlan> plans = new HashMap<>();
        for (DeployedPipeline pipeline : catalog.pipelines()) {
            if (pipeline.version().getPaused()) {
                // Its stored time stays where it was: once unpaused, the fire times it missed follow its
                // catch-up policy, as after downtime (Airflow's catchup on unpause).
                continue;
            }
            Instant last = state.lastScheduled(pipeline.name()).orElse(pipeline.version().getDeployedAt());
            FirePlan plan = calculator.due(pipeline.spec(), last, now);
            if (!plan.isEmpty()) {
                plans.put(pipeline.name(), plan);
            }
        }
        if (plans.isEmpty()) {
            return List.of();
        }
        List<TriggerEvent> fired = publish(plans, now);
        plans.forEach((pipeline, plan) -> state.advance(pipeline, plan.scheduledThrough().orElseThrow()));
        return fired;
    }

    private List<TriggerEvent> publish(Map<String, FirePlan> plans, Instant now) {
        List<TriggerEvent> fired = new ArrayList<>();
        Producer<String, byte[]> transactional = producer();
        try {
            transactional.beginTransaction();
            plans.forEach((pipeline, plan) -> {
                for (Instant logicalTime : plan.fireTimes()) {
                    TriggerEvent trigger = trigger(pipeline, logicalTime, now);
                    transactional.send(new ProducerRecord<>(topics.triggers(), pipeline,
                            triggerSerializer.serialize(topics.triggers(), trigger)));
                    fired.add(trigger);
                }
                long through = plan.scheduledThrough().orElseThrow().toEpochMilli();
                transactional.send(new ProducerRecord<>(topics.schedulerState(), pipeline, stateSerializer.serialize(topics.schedulerState(), through)));
            });
            transactional.commitTransaction();
            return fired;
        } catch (KafkaException e) {
            // A fresh producer aborts whatever this one left open when it initialises.
            discardProducer();
            throw new SchedulingException("Cannot publish the triggers of " + plans.keySet() + " due at " + now
                    + " to " + topics.triggers() + ": " + e.getMessage(), e);
        }
    }

    private static TriggerEvent trigger(String pipeline, Instant logicalTime, Instant now) {
        return TriggerEvent.newBuilder()
                .setPipeline(pipeline)
                .setAction(TriggerAction.START)
                .setRequestedBy(REQUESTED_BY)
                .setRequestedAt(now)
                .setLogicalTime(logicalTime)
                .build();
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
            producer.initTransactions();
        }
        return producer;
    }

    private void discardProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    @Override
    public void close() {
        discardProducer();
        state.close();
    }
}
