package io.conveyor.scheduler.query;

import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.scheduler.tracker.TrackerConfiguration;
import io.conveyor.scheduler.tracker.TrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run gauges of this tracker instance (docs/metrics.md): {@code conveyor.runs} by pipeline and
 * status (queued runs are the queue depth) and {@code conveyor.run.last.duration} of each
 * pipeline's latest finished run. Counted from the runs of the store partitions this instance
 * owns, so the sum over the instances counts each run once; standby copies are not counted. Folded
 * again every {@link #REFRESH}: while the stores rebalance the previous values stay. On a thread of
 * its own rather than a Micronaut {@code @Scheduled} method, for the reason {@code CronTicker} gives:
 * a run due while the context closes would create the bean again after its stores are gone.
 */
@Context
@Requires(env = SchedulerApplication.ENVIRONMENT)
@Requires(beans = TrackerConfiguration.class)
final class RunMetrics implements AutoCloseable {

    public static final String RUNS = "conveyor.runs";
    public static final String LAST_DURATION = "conveyor.run.last.duration";
    static final Duration REFRESH = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(RunMetrics.class);

    private final LocalRuns local;
    private final MultiGauge runs;
    private final MultiGauge lastDuration;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "run-metrics");
        thread.setDaemon(true);
        return thread;
    });

    RunMetrics(@Named(TrackerFactory.TRACKER) KafkaStreams streams, MeterRegistry registry) {
        this.local = new LocalRuns(streams);
        this.runs = MultiGauge.builder(RUNS).description("Runs by pipeline and status in this instance's tracker stores")
                .register(registry);
        this.lastDuration = MultiGauge.builder(LAST_DURATION).baseUnit("seconds")
                .description("How long each pipeline's most recently finished run took, by its outcome").register(registry);
        refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    void refresh() {
        RunTally tally = new RunTally();
        try {
            local.forEach(run -> tally.add(RunSummary.of(run)));
        } catch (InvalidStateStoreException | IllegalStateException e) {
            LOG.debug("run metrics not refreshed, the stores are not queryable: {}", e.toString());
            return;
        } catch (RuntimeException e) {
            // A failing refresh must not cancel the later ones.
            LOG.warn("run metrics not refreshed", e);
            return;
        }
        runs.register(tally.runs().entrySet().stream()
                .map(entry -> MultiGauge.Row.of(Tags.of("pipeline", entry.getKey().pipeline(), "status",
                        entry.getKey().status().name()), entry.getValue()))
                .toList(), true);
        lastDuration.register(tally.lastFinished().entrySet().stream()
                .map(entry -> MultiGauge.Row.of(Tags.of("pipeline", entry.getKey(), "status", entry.getValue().outcome().name()),
                        entry.getValue().took().toMillis() / 1000.0))
                .toList(), true);
    }

    @PreDestroy
    @Override
    public void close() {
        refresher.shutdownNow();
        runs.register(List.of(), true);
        lastDuration.register(List.of(), true);
    }
}
