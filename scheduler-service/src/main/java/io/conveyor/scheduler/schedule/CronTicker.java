package io.conveyor.scheduler.schedule;

import io.conveyor.control.TriggerEvent;
import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.scheduler.catalog.CatalogException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the cron firing loop every {@code conveyor.scheduler.cron.tick}. */
@Singleton
@Requires(env = SchedulerApplication.ENVIRONMENT)
@Requires(property = "conveyor.scheduler.cron.enabled", notEquals = "false")
class CronTicker {

    private static final Logger LOG = LoggerFactory.getLogger(CronTicker.class);

    private final CronFiring firing;
    private volatile boolean stopped;

    CronTicker(CronFiring firing) {
        this.firing = firing;
    }

    /** Destroyed before the catalog it reads, so no pass starts against a closing catalog. */
    @PreDestroy
    void stop() {
        stopped = true;
    }

    @Scheduled(fixedDelay = "${conveyor.scheduler.cron.tick:1s}", initialDelay = "${conveyor.scheduler.cron.tick:1s}")
    void tick() {
        if (stopped) {
            return;
        }
        try {
            List<TriggerEvent> fired = firing.tick();
            fired.forEach(trigger -> LOG.info("Fired pipeline {} for logical time {}", trigger.getPipeline(), trigger.getLogicalTime()));
        } catch (SchedulingException | CatalogException e) {
            if (stopped) {
                // A pass that was running when shutdown began lost its topics: nothing was published.
                LOG.debug("Scheduling pass cut short by shutdown: {}", e.getMessage());
                return;
            }
            // Nothing of a failed pass is visible; the next tick plans again from the stored state.
            LOG.error("Scheduling pass failed, retrying at the next tick: {}", e.getMessage(), e);
        }
    }
}
