package io.conveyor.transformer.service;

import io.conveyor.transformer.TransformerApplication;
import io.conveyor.transformer.stream.TransformService;
import io.conveyor.dataplane.health.ServiceHealth;
import io.conveyor.dataplane.metrics.DataPathMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import io.conveyor.kafka.KafkaConnection;
import java.time.Clock;

/** Starts the transform data path with the application context and stops it with the context. */
@Context
@Requires(env = TransformerApplication.ENVIRONMENT)
public final class TransformerLifecycle implements AutoCloseable {

    private final TransformService service;

    public TransformerLifecycle(TransformerConfiguration configuration, KafkaConnection kafka, MeterRegistry meters) {
        this.service = new TransformService(configuration.settings(kafka), Clock.systemUTC(), new DataPathMetrics(meters, "transform"));
        service.start();
    }

    /** What the health indicators report. */
    public ServiceHealth health() {
        return service.health();
    }

    @PreDestroy
    @Override
    public void close() throws InterruptedException {
        service.close();
    }
}
