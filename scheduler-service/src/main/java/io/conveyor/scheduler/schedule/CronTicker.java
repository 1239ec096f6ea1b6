package io.conveyor.scheduler.schedule;

import io.conveyor.control.TriggerEvent;
import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.dataplane.health.LoopHeartbeat;
import io.conveyor.kafka.CompactedTopicLog.TopicReadException;
import io.conveyor.scheduler.catalog.CatalogException;
import io.conveyor.scheduler.health.SchedulerHealth;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the cron firing loop every {@code conveyor.scheduler.cron.tick} on a thread of its own.
 * Not a Micronaut {@code @Scheduled} method: Micronaut looks the bean up again for every run, so
 * a tick due while the context closes re-created the ticker (and with it the firing loop) after
 * they were destroyed, against a closed catalog or with its settings already gone. Here the
 * ticker stops its thread and waits for a running pass before the beans it uses are destroyed
 * (it is created after them, so destroyed before them).
 */
@Context
@Requires(env = SchedulerApplication.ENVIRONMENT)
@Requires(property = "conveyor.scheduler.cron.enabled", notEquals = "false")
class CronTicker {

    private static final Logger LOG = LoggerFactory.getLogger(CronTicker.class);
    /** A pass that has not ended by then is cut short by the closing catalog; nothing of it is published. */
    private static final long STOP_WAIT_SECONDS = 30;

    private final CronFiring firing;
    private final CronSettings settings;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread ticker = new Thread(runnable, "cron-ticker");
        ticker.setDaemon(true);
        return ticker;
    });
    private volatile boolean stopped;
    private final LoopHeartbeat heartbeat;

    CronTicker(CronFiring firing, CronSettings settings, SchedulerHealth health) {
        this.firing = firing;
        this.settings = settings;
        this.heartbeat = health.loops().watch("cron-ticker", false);
        heartbeat.idle();
    }

    @PostConstruct
    void start() {
        long tick = settings.tick().toMillis();
        thread.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        stopped = true;
        thread.shutdown();
        if (!thread.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
            LOG.warn("A scheduling pass was still running {} s after shutdown began", STOP_WAIT_SECONDS);
        }
    }

    void tick() {
        if (stopped) {
            return;
        }
        // Busy while a pass runs: a pass that does not return within the stuck bound takes liveness down.
        heartbeat.beat();
        try {
            List<TriggerEvent> fired = firing.tick();
            fired.forEach(trigger -> LOG.info("Fired pipeline {} for logical time {}", trigger.getPipeline(), trigger.getLogicalTime()));
        } catch (SchedulingException | CatalogException | TopicReadException e) {
            if (stopped) {
                // A pass that was running when shutdown began lost its topics: nothing was published.
                LOG.debug("Scheduling pass cut short by shutdown: {}", e.getMessage());
                return;
            }
            // Nothing of a failed pass is visible; the next tick plans again from the stored state.
            LOG.error("Scheduling pass failed, retrying at the next tick: {}", e.getMessage(), e);
        } catch (RuntimeException e) {
            // An exception escaping a scheduled executor's task would cancel every later tick.
            LOG.error("Scheduling pass failed unexpectedly, retrying at the next tick", e);
        } catch (Error e) {
            // It cancels every later tick: no schedule fires on this instance any more.
            LOG.error("Scheduling pass died; this instance fires no schedule until it restarts", e);
            heartbeat.died(e);
            throw e;
        } finally {
            heartbeat.idle();
        }
    }
}
