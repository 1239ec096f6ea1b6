package io.conveyor.dataplane.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * The meters of one service's data path (docs/metrics.md), made once per process from the registry
 * its Micronaut shell exports to Prometheus. Every meter carries the {@code stage} (extract,
 * transform, load) and, per task, the {@code pipeline} and {@code task}.
 */
public final class DataPathMetrics implements AutoCloseable {

    /** Records per outcome ({@code in}, {@code out}, {@code rejected}, {@code dropped}), counted when their transaction commits. */
    public static final String RECORDS = "conveyor.task.records";
    /** Committed transactions (batches) and how long each took from its first record to its commit. */
    public static final String BATCHES = "conveyor.task.batch";

    private final MeterRegistry registry;
    private final String stage;
    private final List<KafkaClientMetrics> consumers = new CopyOnWriteArrayList<>();

    public DataPathMetrics(MeterRegistry registry, String stage) {
        this.registry = registry;
        this.stage = stage;
    }

    /** Meters that go nowhere: for cores run without a registry (tests, tools). */
    public static DataPathMetrics none(String stage) {
        return new DataPathMetrics(new CompositeMeterRegistry(), stage);
    }

    public TaskMetrics task(String pipeline, String task) {
        return new TaskMetrics(registry, Tags.of("stage", stage, "pipeline", pipeline, "task", task));
    }

    /**
     * Binds the Kafka client metrics of a task's consumer (fetch rates and, as
     * {@code kafka.consumer.fetch.manager.records.lag}, the lag of each assigned partition) to the
     * registry until the service closes. A worker replaced after a failure leaves its binding (and the
     * binder's refresh thread) until then: workers live as long as their task's commands keep coming.
     */
    public void bindConsumer(Consumer<?, ?> consumer, String pipeline, String task) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(consumer, Tags.of("stage", stage, "pipeline", pipeline, "task", task));
        metrics.bindTo(registry);
        consumers.add(metrics);
    }

    @Override
    public void close() {
        consumers.forEach(KafkaClientMetrics::close);
        consumers.clear();
    }
}
