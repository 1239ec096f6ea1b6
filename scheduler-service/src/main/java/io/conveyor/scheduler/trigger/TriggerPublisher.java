package io.conveyor.scheduler.trigger;

import io.conveyor.control.RunIds;
import io.conveyor.control.TriggerAction;
import io.conveyor.control.TriggerEvent;
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
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes start and cancel requests on the triggers topic, keyed by pipeline, and answers with
 * the run id each will have. Every call returns only once the broker has acknowledged all of its
 * events. No transaction is needed: the run ids are deterministic, so a caller that retries after a
 * failure (even one that published some of a backfill's events) cannot start a run twice.
 * Thread-safe.
 */
public final class TriggerPublisher implements AutoCloseable {

    private final Producer<String, TriggerEvent> producer;
    private final TopicNames topics;
    private final Clock clock;
    private final Duration timeout;

    /** @param clientConfig Kafka producer settings and {@code schema.registry.url} */
    public TriggerPublisher(Map<String, Object> clientConfig, TopicNames topics, Clock clock, Duration timeout) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        Serializer<TriggerEvent> values = new ConfluentAvroSerializer<>();
        values.configure(config, false);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), values);
        this.topics = Objects.requireNonNull(topics, "topics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Starts a manual run. Without an idempotency key a random one is used, so the answer is still the
     * run id the tracker derives from the event.
     *
     * @return the run id
     */
    public String start(ManualRun run) {
        String key = run.idempotencyKey().orElseGet(() -> UUID.randomUUID().toString());
        TriggerEvent trigger = base(run.pipeline(), TriggerAction.START, run.requestedBy())
                .setParameters(run.parameters())
                .setPriority(run.priority())
                .setIdempotencyKey(key)
                .build();
        await(List.of(send(trigger)), "manual run of " + run.pipeline());
        return RunIds.manual(run.pipeline(), key);
    }

    /**
     * Starts one run per logical time.
     *
     * @return the run ids, in the order of the logical times
     */
    public List<String> backfill(String pipeline, List<Instant> logicalTimes, int priority, Map<String, String> parameters,
                                 Optional<String> requestedBy) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        List<String> runIds = new ArrayList<>();
        for (Instant logicalTime : logicalTimes) {
            sent.add(send(base(pipeline, TriggerAction.START, requestedBy)
                    .setLogicalTime(logicalTime)
                    .setPriority(priority)
                    .setParameters(parameters)
                    .build()));
            runIds.add(RunIds.scheduled(pipeline, logicalTime));
        }
        await(sent, "backfill of " + pipeline);
        return runIds;
    }

    /**
     * Starts a new run repeating {@code rerunOf}: its parameters and, for a scheduled or backfill run, its
     * logical time; named by the idempotency key (a random one when absent), never by the logical time,
     * which already names the run it repeats.
     *
     * @param failedOnly run again only the failed tasks of {@code rerunOf} (and what they need), see the tracker's
     *                   {@code RerunScope}; otherwise every task
     * @return the new run's id
     */
    public String rerun(String pipeline, String rerunOf, Optional<Instant> logicalTime, Map<String, String> parameters,
                        int priority, Optional<String> idempotencyKey, Optional<String> requestedBy, boolean failedOnly) {
        String key = idempotencyKey.orElseGet(() -> "rerun:" + rerunOf + ":" + UUID.randomUUID());
        TriggerEvent trigger = base(pipeline, TriggerAction.START, requestedBy)
                .setParameters(parameters)
                .setPriority(priority)
                .setIdempotencyKey(key)
                .setLogicalTime(logicalTime.orElse(null))
                .setRerunOf(rerunOf)
                .setFailedOnly(failedOnly)
                .build();
        await(List.of(send(trigger)), "rerun of " + rerunOf);
        return RunIds.manual(pipeline, key);
    }

    /** @throws InvalidTriggerException if the text is not a run id */
    public void cancel(String runId, Optional<String> requestedBy) {
        String pipeline = RunIds.pipelineOf(runId).orElseThrow(() -> new InvalidTriggerException("runId",
                "'" + runId + "' is not a run id ({pipeline}@{time} or {pipeline}@m-{key})"));
        await(List.of(send(base(pipeline, TriggerAction.CANCEL, requestedBy).setRunId(runId).build())), "cancel of " + runId);
    }

    private TriggerEvent.Builder base(String pipeline, TriggerAction action, Optional<String> requestedBy) {
        return TriggerEvent.newBuilder()
                .setPipeline(pipeline)
                .setAction(action)
                .setRequestedBy(requestedBy.orElse(null))
                .setRequestedAt(clock.instant());
    }

    private Future<RecordMetadata> send(TriggerEvent trigger) {
        return producer.send(new ProducerRecord<>(topics.triggers(), trigger.getPipeline(), trigger));
    }

    private void await(List<Future<RecordMetadata>> sent, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (Future<RecordMetadata> future : sent) {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            throw new TriggerPublishException("Cannot publish the " + what + " to " + topics.triggers() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new TriggerPublishException("Publishing the " + what + " to " + topics.triggers()
                    + " took longer than " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TriggerPublishException("Interrupted publishing the " + what, e);
        }
    }

    @Override
    public void close() {
        producer.close(timeout);
    }
}
