package io.conveyor.dataplane.health;

import io.conveyor.dataplane.failure.FailurePolicy;
import io.conveyor.serde.registry.SchemaRegistryClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the instance's dependencies (Kafka, the schema registry) whether they answer, every
 * {@code interval} on a thread of its own, so that a probe reads the last answer at once instead of
 * waiting for a broker that does not answer. Before the first answer a dependency counts as not
 * reachable.
 */
public final class DependencyMonitor implements AutoCloseable {

    /** One dependency: {@link #check()} returns when it answered and throws when it did not. */
    public interface Check {
        String name();

        void check() throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(DependencyMonitor.class);
    /** Often enough for a probe every 10 s; each check gives up after {@link #TIMEOUT}. */
    static final Duration INTERVAL = Duration.ofSeconds(5);
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final List<Check> checks;
    private final Map<String, String> problems = new ConcurrentHashMap<>();
    private final Set<String> answering = ConcurrentHashMap.newKeySet();
    private final Duration interval;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread checker = new Thread(runnable, "health-dependencies");
        checker.setDaemon(true);
        return checker;
    });

    /** Checks nothing before {@link #start()}. */
    public DependencyMonitor(List<Check> checks, Duration interval) {
        this.checks = List.copyOf(checks);
        this.interval = interval;
        checks.forEach(check -> problems.put(check.name(), "not checked yet"));
    }

    /** Checks now and every interval from now on. */
    public DependencyMonitor start() {
        thread.scheduleWithFixedDelay(this::checkAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Watches the Kafka cluster of {@code clientConfig} and the schema registry. */
    public static DependencyMonitor kafkaAndRegistry(Map<String, Object> clientConfig, SchemaRegistryClient registry) {
        return new DependencyMonitor(List.of(new KafkaCheck(clientConfig, TIMEOUT), new RegistryCheck(registry)), INTERVAL)
                .start();
    }

    /** Checks every dependency now, on the caller's thread. */
    void checkAll() {
        for (Check check : checks) {
            try {
                check.check();
                if (problems.remove(check.name()) != null) {
                    LOG.info("{} answers", check.name());
                }
                answering.add(check.name());
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return;
                }
                answering.remove(check.name());
                String problem = "does not answer: " + FailurePolicy.describe(e);
                if (!problem.equals(problems.put(check.name(), problem))) {
                    LOG.warn("{} {}", check.name(), problem);
                }
            }
        }
    }

    Map<String, String> problems() {
        return new LinkedHashMap<>(problems);
    }

    Set<String> answering() {
        return new TreeSet<>(answering);
    }

    @Override
    public void close() {
        thread.shutdownNow();
        for (Check check : checks) {
            if (check instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.debug("closing the {} check: {}", check.name(), e.toString());
                }
            }
        }
    }
}
