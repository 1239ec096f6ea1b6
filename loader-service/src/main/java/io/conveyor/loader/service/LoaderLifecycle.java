package io.conveyor.loader.service;

import io.conveyor.loader.LoaderApplication;
import io.conveyor.loader.stream.LoadService;
import io.conveyor.dataplane.health.ServiceHealth;
import io.conveyor.dataplane.metrics.DataPathMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import io.conveyor.kafka.KafkaConnection;
import java.time.Clock;

/** Starts the load data path with the application context and stops it with the context. */
@Context
@Requires(env = LoaderApplication.ENVIRONMENT)
public final class LoaderLifecycle implements AutoCloseable {

    private final LoadService service;

    public LoaderLifecycle(LoaderConfiguration configuration, KafkaConnection kafka, MeterRegistry meters) {
        this.service = new LoadService(configuration.settings(kafka), Clock.systemUTC(), new DataPathMetrics(meters, "load"));
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
