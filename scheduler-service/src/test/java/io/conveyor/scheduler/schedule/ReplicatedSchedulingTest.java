package io.conveyor.scheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.control.RunEvent;
import io.conveyor.control.RunEventType;
import io.conveyor.control.TaskAction;
import io.conveyor.control.TaskCommand;
import io.conveyor.control.TriggerEvent;
import io.conveyor.scheduler.catalog.PipelineCatalog;
import io.conveyor.scheduler.deploy.DeployResult;
import io.conveyor.scheduler.deploy.PipelineDeployer;
import io.conveyor.control.RunIds;
import io.conveyor.scheduler.tracker.ScriptedWorker;
import io.conveyor.scheduler.tracker.ScriptedWorker.Behaviour;
import io.conveyor.scheduler.tracker.TopicReader;
import io.conveyor.scheduler.tracker.TrackerHarness;
import io.conveyor.serde.registry.SchemaRegistryClient;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * End to end: two cron replicas that both publish a trigger for every scheduled time, and the real
 * DAG tracker behind them, which must turn each scheduled time into exactly one run.
 */
@ExtendWith(ConveyorStackExtension.class)
class ReplicatedSchedulingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String PIPELINE = "everyminute";
    private static final int MINUTES = 5;
    private static final Set<RunEventType> FINISHED = EnumSet.of(RunEventType.SUCCEEDED, RunEventType.FAILED,
            RunEventType.SUCCEEDED_WITH_REJECTS, RunEventType.CANCELLED);

    /** Recent, so that the tracker's retention (by wall-clock finish time) keeps every run. */
    private final Instant deployed = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    private final MutableClock clock = new MutableClock(deployed);
    private final ScheduleCalculator calculator = new ScheduleCalculator(Duration.ofSeconds(10));
    private TrackerHarness harness;
    private PipelineCatalog catalog;
    private ScriptedWorker worker;
    private TopicReader<RunEvent> runEvents;
    private final ExecutorService replicas = Executors.newFixedThreadPool(2);

    @BeforeEach
    void start(ConveyorStack stack) {
        harness = new TrackerHarness(stack);
        catalog = PipelineCatalog.start(stack.clientConfig(), harness.topics(), TIMEOUT);
        DeployResult result = new PipelineDeployer(catalog, new SchemaRegistryClient(stack.registryUrl()), harness.topics(),
                stack.clientConfig(), 1, Clock.fixed(deployed, ZoneOffset.UTC))
                .deploy(Pipelines.yaml(PIPELINE, "* * * * *", "UTC", "none", 100), PIPELINE + ".yaml", Optional.empty());
        assertThat(result).isInstanceOf(DeployResult.Deployed.class);
        harness.startTracker();
        worker = harness.worker(command -> Behaviour.SUCCEED);
        runEvents = harness.runEvents();
    }

    @AfterEach
    void stop() throws InterruptedException {
        replicas.shutdownNow();
        runEvents.close();
        worker.close();
        catalog.close();
        harness.close();
    }

    @Test
    void twoReplicasFiringTogetherYieldOneRunPerScheduledTime() throws Exception {
        try (CronFiring a = replica("a"); CronFiring b = replica("b")) {
            for (int minute = 1; minute <= MINUTES; minute++) {
                clock.set(minute(minute).plusSeconds(2));
                assertThat(fireTogether(a, b)).as("minute %d", minute).isNotEmpty().containsOnly(minute(minute));
            }
        }
        List<Instant> scheduled = IntStream.rangeClosed(1, MINUTES).mapToObj(this::minute).toList();
        List<String> runIds = scheduled.stream().map(time -> RunIds.scheduled(PIPELINE, time)).toList();

        runIds.forEach(runId -> runEvents.await(runId + " to finish",
                event -> event.getRunId().equals(runId) && FINISHED.contains(event.getType())));

        List<Instant> triggered = logicalTimes(TriggerRecords.values(harness.stack(), harness.topics().triggers()));
        assertThat(triggered).as("the replicas raced: some scheduled time was published by both")
                .hasSizeGreaterThan(MINUTES).containsOnlyElementsOf(scheduled);
        List<RunEvent> events = runEvents.all();
        assertThat(countByRunId(events.stream().filter(e -> e.getType() == RunEventType.STARTED).map(RunEvent::getRunId).toList()))
                .isEqualTo(onceEach(runIds));
        assertThat(events).filteredOn(e -> FINISHED.contains(e.getType())).extracting(RunEvent::getType)
                .containsOnly(RunEventType.SUCCEEDED);
        assertThat(countByRunId(worker.commands().stream().filter(c -> c.getAction() == TaskAction.START)
                .map(TaskCommand::getRunId).toList())).isEqualTo(onceEach(runIds));
    }

    /**
     * Both replicas read the shared state, then decide at the same moment on threads of their own,
     * as replicas on different hosts do: neither has seen the other's progress yet, so both publish.
     */
    private List<Instant> fireTogether(CronFiring a, CronFiring b) throws Exception {
        a.refreshState();
        b.refreshState();
        CyclicBarrier together = new CyclicBarrier(2);
        Future<List<TriggerEvent>> firedByA = replicas.submit(() -> fireAt(together, a));
        Future<List<TriggerEvent>> firedByB = replicas.submit(() -> fireAt(together, b));
        List<Instant> fired = new ArrayList<>(logicalTimes(firedByA.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)));
        fired.addAll(logicalTimes(firedByB.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)));
        return fired;
    }

    private static List<TriggerEvent> fireAt(CyclicBarrier together, CronFiring replica) throws Exception {
        together.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return replica.fireDue();
    }

    private CronFiring replica(String instance) {
        return CronFiring.start(catalog, calculator, harness.topics(), harness.stack().clientConfig(), clock, instance, TIMEOUT);
    }

    private static Map<String, Long> countByRunId(List<String> runIds) {
        return runIds.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static Map<String, Long> onceEach(List<String> runIds) {
        return runIds.stream().collect(Collectors.toMap(Function.identity(), runId -> 1L));
    }

    private static List<Instant> logicalTimes(List<TriggerEvent> triggers) {
        return triggers.stream().map(TriggerEvent::getLogicalTime).toList();
    }

    private Instant minute(int minute) {
        return deployed.plusSeconds(60L * minute);
    }
}
