package io.conveyor.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conveyor.e2e.harness.CustomerCsv;
import io.conveyor.e2e.harness.CustomerPipeline;
import io.conveyor.e2e.harness.DeadLetterQueue;
import io.conveyor.e2e.harness.DeadLetterQueue.Letter;
import io.conveyor.e2e.harness.StackPipelines;
import io.conveyor.e2e.harness.RunChecks;
import io.conveyor.e2e.harness.ServiceFleet;
import io.conveyor.e2e.harness.ServiceProcess;
import io.conveyor.e2e.harness.TargetDatabase;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chaos: a 1,000,000-row run (CSV -> extract -> transform with rejecting rules -> upsert into
 * PostgreSQL) with two instances of every data-path service, each its own JVM, during which
 * 20 SIGKILLs hit random instances at random moments, each instance started again
 * after its kill. The run must still end with exactly the good rows (count and content checksum)
 * in PostgreSQL and every bad row dead-lettered exactly once.
 *
 * <p>The schedule comes from a seeded {@link Random}: the seed is logged and can be set with
 * {@code -Dconveyor.e2e.chaos.seed=...} to replay a schedule (the moments depend on the machine's
 * speed too, the victims and pauses only on the seed). A kill picks a random live instance of a
 * service whose task is not finished yet (killing an extractor after the extract succeeded
 * tests only a restart) and that is up (answers UP on /health: killing JVMs that are still starting
 * would keep the run from ever starting its work), SIGKILLs it, launches it again without waiting
 * for it to come up, then pauses a random 0 to 4 s. So both instances of a service can be down at
 * once, and the kills spread over the run at the pace the instances come back (a service JVM takes
 * 15-40 s to start on 2 busy cores; waiting for each restart would let a 1,000,000-row run end after
 * five kills). After the last kill every instance must come up again. Every kill is logged and the
 * test ends with a table of them.
 */
@ExtendWith(ConveyorStackExtension.class)
class ChaosIT {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosIT.class);
    /** Kills and rows can be lowered for a quick try of the harness ({@code -Dconveyor.e2e.chaos.kills}, {@code .rows}). */
    private static final int KILLS = Integer.getInteger("conveyor.e2e.chaos.kills", 20);
    private static final String HEAP = "256m";
    private static final CustomerCsv CSV = new CustomerCsv(Long.getLong("conveyor.e2e.chaos.rows", 1_000_000), 0, 50_000);
    /** The stage each data-path service runs in the customers pipeline. */
    private static final Map<String, String> STAGE_OF_SERVICE = Map.of(
            "extractor", CustomerPipeline.EXTRACT, "transformer", CustomerPipeline.CLEAN, "loader", CustomerPipeline.LOAD);

    private ServiceFleet fleet;
    private TargetDatabase database;

    /**
     * One SIGKILL.
     *
     * @param stages the status of each task (extract, clean, load) just before the kill
     */
    record Kill(int number, Duration sinceTrigger, Instant at, String instance, long pid, Map<String, String> stages) {

        String service() {
            return instance.substring(0, instance.indexOf('-'));
        }

        /** Whether the killed instance's own stage was at work (not yet finished) when it died. */
        boolean hitItsStageAtWork() {
            // READY: the command is out (the transformer and loader report no STARTED); RUNNING: started.
            return Set.of("READY", "RUNNING", "RETRYING").contains(stages.get(STAGE_OF_SERVICE.get(service())));
        }
    }

    @Test
    void twentySigkillsOfRandomInstancesDuringAMillionRowRunLoseAndDuplicateNothing(ConveyorStack stack) throws Exception {
        long seed = Long.getLong("conveyor.e2e.chaos.seed", System.nanoTime());
        LOG.info("Chaos seed {} (replay the victims and pauses with -Dconveyor.e2e.chaos.seed={})", seed, seed);
        Random random = new Random(seed);

        String installation = ConveyorStack.uniqueName("chaos");
        // Two command partitions, so that both extractors own one; the broker's minimum session timeout
        // (6 s) for the extractors, transformers and loaders, so a killed member's partitions move on
        // within seconds instead of the default 45 s.
        fleet = new ServiceFleet(stack, installation, 2)
                .dataPathClientSettings(Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1000"));
        database = new TargetDatabase(installation.replace('-', '_'));
        Path csv = Files.createDirectories(fleet.logs()).resolve("customers.csv");
        CSV.write(csv);
        CustomerPipeline pipeline = new CustomerPipeline("customers", csv, database.schema(), "customers", 5000);
        pipeline.createTopics(stack, fleet.names(), 4);
        database.createCustomers(pipeline.table());

        ServiceProcess scheduler = fleet.scheduler("scheduler-1");
        List<ServiceProcess> instances = List.of(
                fleet.extractor("extractor-1", HEAP), fleet.extractor("extractor-2", HEAP),
                fleet.transformer("transformer-1", HEAP), fleet.transformer("transformer-2", HEAP),
                fleet.loader("loader-1", HEAP), fleet.loader("loader-2", HEAP));
        List<ServiceProcess> all = new ArrayList<>(instances);
        all.add(0, scheduler);
        ServiceFleet.startAll(all);
        StackPipelines pipelines = new StackPipelines(stack, fleet.names(), scheduler);
        pipelines.deploy(pipeline.yaml(), "customers.yaml");

        List<Kill> kills = new ArrayList<>();
        long triggered = System.nanoTime();
        String runId = pipelines.startOverRest(pipeline.name(), "chaos-" + seed);
        JsonNode detail;
        try {
            while (kills.size() < KILLS) {
                JsonNode now = pipelines.run(runId);
                if (now != null && Set.of("SUCCEEDED", "SUCCEEDED_WITH_REJECTS", "FAILED", "CANCELLED").contains(StackPipelines.status(now))) {
                    break;
                }
                Map<String, String> stages = stages(now);
                List<ServiceProcess> candidates = instances.stream()
                        .filter(instance -> !"SUCCEEDED".equals(stages.get(STAGE_OF_SERVICE.get(service(instance)))))
                        .filter(ServiceProcess::isHealthy)
                        .toList();
                if (now == null || candidates.isEmpty()) {
                    sleep(200);
                    continue;
                }
                ServiceProcess victim = candidates.get(random.nextInt(candidates.size()));
                Instant at = Instant.now();
                Duration sinceTrigger = Duration.ofNanos(System.nanoTime() - triggered);
                long pid = victim.kill();
                victim.launch();
                Kill kill = new Kill(kills.size() + 1, sinceTrigger, at, victim.name(), pid, stages);
                kills.add(kill);
                LOG.info("Chaos kill {}/{} at {} (+{} ms after the trigger): SIGKILL {} pid {} while tasks were {}; launched again as pid {}",
                        kill.number(), KILLS, at, sinceTrigger.toMillis(), victim.name(), pid, stages, victim.pid());
                sleep(random.nextInt(4000));
            }
            long restarting = System.nanoTime();
            instances.parallelStream().forEach(ServiceProcess::awaitHealthy);
            LOG.info("Every instance is up again {} ms after the last kill", Duration.ofNanos(System.nanoTime() - restarting).toMillis());
            detail = pipelines.awaitOutcome(runId, Duration.ofMinutes(10));
        } finally {
            LOG.info("Chaos summary (seed {}, run {}):\n{}", seed, runId, table(kills));
        }
        LOG.info("Run {} ended {} {} s after the trigger", runId, StackPipelines.status(detail),
                Duration.ofNanos(System.nanoTime() - triggered).toSeconds());

        assertThat(kills).as("SIGKILLs before the run ended (seed %d)", seed).hasSize(KILLS);
        for (String service : List.of("extractor", "transformer", "loader")) {
            assertThat(kills).as("kills of a %s while its stage was at work (seed %d)", service, seed)
                    .anyMatch(kill -> kill.service().equals(service) && kill.hitItsStageAtWork());
        }
        RunChecks.assertRunDetail(detail, CSV);
        RunChecks.assertLoaded(database, pipeline.table(), CSV);
        List<Letter> letters = RunChecks.assertDeadLetters(
                new DeadLetterQueue(stack).readAll(fleet.names().deadLetters(pipeline.name())), runId, CSV);
        RunChecks.assertDeadLetterRows(letters, runId, CSV, stack);
        assertThat(letters).as("dead letters of %s", runId).hasSize((int) CSV.expected().rejects());
        Files.delete(csv);
    }

    /** The status of each task of the run, in pipeline order. */
    private static Map<String, String> stages(JsonNode detail) {
        Map<String, String> stages = new LinkedHashMap<>();
        if (detail != null) {
            for (JsonNode task : detail.at("/tasks")) {
                stages.put(task.at("/task/taskId").asText(), task.at("/task/status").asText());
            }
        }
        return stages;
    }

    private static String service(ServiceProcess instance) {
        return instance.name().substring(0, instance.name().indexOf('-'));
    }

    private static String table(List<Kill> kills) {
        StringBuilder table = new StringBuilder(String.format("%3s  %9s  %-24s  %-13s  %8s  %s%n",
                "#", "t+ (s)", "at (UTC)", "instance", "pid", "tasks extract/clean/load"));
        for (Kill kill : kills) {
            table.append(String.format("%3d  %9.1f  %-24s  %-13s  %8d  %s%n", kill.number(),
                    kill.sinceTrigger().toMillis() / 1000.0, kill.at(), kill.instance(), kill.pid(),
                    String.join("/", kill.stages().values())));
        }
        Map<String, Long> perService = kills.stream().collect(Collectors.groupingBy(Kill::service, Collectors.counting()));
        Map<String, Long> perInstance = kills.stream().collect(Collectors.groupingBy(Kill::instance, Collectors.counting()));
        table.append("kills per service ").append(perService).append(", per instance ").append(perInstance);
        return table.toString();
    }

    private static void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    @AfterEach
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
        if (database != null) {
            database.close();
        }
    }
}
