package io.conveyor.dataplane.health;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * What a service process does on SIGTERM (Kubernetes deleting its pod, {@code docker stop},
 * {@code Process.destroy()}): close the application, whose shutdown stops the workers first (each
 * commits or aborts its in-flight batch, then its consumer leaves the group) and only then the Kafka
 * clients they share, and exit 0. The JVM's own SIGTERM handling would run the same shutdown hooks
 * but exit with 143, which reads as a crash. If the drain does not finish within the grace period
 * (below Kubernetes' 30 s, after which it sends SIGKILL), the process halts with 1: whatever batch
 * was open is aborted by the broker and redone by another instance, exactly once as after a crash.
 */
public final class SigtermDrain {

    /** Kubernetes' default terminationGracePeriodSeconds is 30: leave it time to spare. */
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(25);
    /** The configuration key of the grace period, in every service. */
    public static final String GRACE_PERIOD_KEY = "conveyor.shutdown.grace-period";

    private static final Logger LOG = LoggerFactory.getLogger(SigtermDrain.class);

    private SigtermDrain() {
    }

    /** Handles SIGTERM from now on by closing {@code application} and exiting 0 (1 past {@code gracePeriod}). */
    public static void install(String service, AutoCloseable application, Duration gracePeriod) {
        AtomicBoolean draining = new AtomicBoolean();
        try {
            Signal.handle(new Signal("TERM"), signal -> {
                if (!draining.compareAndSet(false, true)) {
                    return;
                }
                Thread drain = new Thread(() -> drain(service, application, gracePeriod), "sigterm-drain");
                drain.start();
            });
        } catch (IllegalArgumentException e) {
            // The JVM keeps SIGTERM to itself (-Xrs): its shutdown hooks still drain, the exit status is then 143.
            LOG.warn("{} cannot handle SIGTERM itself ({}); the JVM's shutdown hooks drain it instead", service, e.getMessage());
        }
    }

    private static void drain(String service, AutoCloseable application, Duration gracePeriod) {
        long start = System.nanoTime();
        LOG.info("{} received SIGTERM: draining within {} s", service, gracePeriod.toSeconds());
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(gracePeriod.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            LOG.error("{} did not drain within the grace period of {} s; halting (open transactions are aborted)",
                    service, gracePeriod.toSeconds());
            Runtime.getRuntime().halt(1);
        }, "sigterm-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        int status = 0;
        try {
            application.close();
            LOG.info("{} shut down cleanly in {} ms", service, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } catch (Exception e) {
            LOG.error("{} failed to shut down cleanly", service, e);
            status = 1;
        } finally {
            watchdog.interrupt();
        }
        System.exit(status);
    }
}
