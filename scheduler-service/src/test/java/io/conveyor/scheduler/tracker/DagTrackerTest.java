package io.conveyor.scheduler.tracker;

import io.conveyor.control.RunIds;
import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.control.RunEvent;
import io.conveyor.control.RunEventType;
import io.conveyor.control.TaskAction;
import io.conveyor.control.TaskCommand;
import io.conveyor.control.TaskCounts;
import io.conveyor.control.TriggerEvent;
import io.conveyor.deadletter.DeadLetter;
import io.conveyor.deadletter.Stage;
import io.conveyor.scheduler.dag.RecordCounts;
import io.conveyor.scheduler.dag.SkipCause;
import io.conveyor.scheduler.dag.TaskState;
import io.conveyor.scheduler.dag.TaskStatus;
import io.conveyor.scheduler.tracker.ScriptedWorker.Behaviour;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import io.micronaut.inject.qualifiers.Qualifiers;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ConveyorStackExtension.class)
class DagTrackerTest {

    private static final Instant FIRST = Instant.parse("2026-03-01T02:00:00Z");
    private static final Instant SECOND = Instant.parse("2026-03-02T02:00:00Z");
    private static final Instant THIRD = Instant.parse("2026-03-03T02:00:00Z");

    private TrackerHarness harness;
    private ApplicationContext tracker;
    private TopicReader<RunEvent> runEvents;
    private ScriptedWorker worker;

    @BeforeEach
    void startTracker(ConveyorStack stack) {
        harness = new TrackerHarness(stack);
        harness.deploy(Fixtures.version("diamond", 1));
        harness.deploy(Fixtures.version("retrying", 1));
        harness.deploy(Fixtures.version("thresholds", 1));
        harness.deploy(Fixtures.version("branches", 1));
        tracker = harness.startTracker();
        runEvents = harness.runEvents();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (worker != null) {
            worker.close();
        }
        runEvents.close();
        harness.close();
    }

    @Test
    void aFailingTaskInTheDiamondSkipsWhatDependsOnItAndFailsTheRun() {
        worker = harness.worker(command -> command.getTaskId().equals("enrich") ? Behaviour.FAIL : Behaviour.SUCCEED);
        String runId = RunIds.scheduled("diamond", FIRST);

        harness.start("diamond", FIRST, 0);
        RunEvent finished = awaitEnd(runId);

        assertThat(finished.getType()).isEqualTo(RunEventType.FAILED);
        assertThat(finished.getMessage()).isEqualTo("failed tasks: enrich");
        TrackedRun run = storedRun(runId);
        assertThat(run.state().task("extract").status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(run.state().task("extract").counts()).isEqualTo(new RecordCounts(5, 5, 0, 0));
        assertThat(run.state().task("clean").status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(run.state().task("enrich").status()).isEqualTo(TaskStatus.FAILED);
        for (String skipped : List.of("join", "load")) {
            TaskState task = run.state().task(skipped);
            assertThat(task.status()).as(skipped).isEqualTo(TaskStatus.SKIPPED);
            assertThat(task.skipCause()).as(skipped).contains(SkipCause.UPSTREAM_FAILED);
        }
        assertThat(worker.commands()).extracting(TaskCommand::getTaskId).containsOnly("extract", "clean", "enrich");
    }

    @Test
    void aRerunOfTheFailedTasksDispatchesOnlyThemAndTheUpstreamTheyReadAndCarriesTheRestOver() {
        String failing = RunIds.scheduled("branches", FIRST);
        worker = harness.worker(command -> command.getRunId().equals(failing) && command.getTaskId().equals("load-orders")
                ? Behaviour.FAIL : Behaviour.SUCCEED);
        harness.start("branches", FIRST, 0);
        assertThat(awaitEnd(failing).getType()).isEqualTo(RunEventType.FAILED);

        harness.rerunFailedTasks("branches", failing, "orders-again");
        String rerun = RunIds.manual("branches", "orders-again");
        RunEvent finished = awaitEnd(rerun);

        assertThat(finished.getType()).isEqualTo(RunEventType.SUCCEEDED);
        assertThat(worker.commands()).filteredOn(command -> command.getRunId().equals(rerun))
                .extracting(TaskCommand::getTaskId).containsExactly("extract-orders", "load-orders");
        TrackedRun run = storedRun(rerun);
        assertThat(run.rerunOf()).contains(failing);
        TaskState carried = run.state().task("load-customers");
        assertThat(carried.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(carried.counts()).isEqualTo(storedRun(failing).state().task("load-customers").counts());
        assertThat(carried.message()).contains("succeeded in run " + failing + "; not run again");
        assertThat(run.state().task("load-orders").attempt()).isEqualTo(1);
        // The run's counts add up what was carried (the root extract read 5) and what ran again (the leaf wrote 5).
        assertThat(run.state().totals().recordsIn()).isEqualTo(ScriptedWorker.RECORDS);
        assertThat(run.state().totals().recordsOut()).isEqualTo(ScriptedWorker.RECORDS);
    }

    @Test
    void aRerunOfTheFailedTasksOfARunWithoutAFailureOrOfAnUnknownRunIsDeadLettered() {
        String succeeded = RunIds.scheduled("branches", FIRST);
        worker = harness.worker(command -> Behaviour.SUCCEED);
        harness.start("branches", FIRST, 0);
        assertThat(awaitEnd(succeeded).getType()).isEqualTo(RunEventType.SUCCEEDED);
        try (TopicReader<DeadLetter> letters = harness.triggerDeadLetters()) {

            harness.rerunFailedTasks("branches", succeeded, "nothing-to-do");

            DeadLetter letter = letters.await("the refused rerun", l -> "failed-only".equals(l.getRule()));
            assertThat(letter.getMessage()).contains("run " + succeeded + " has no failed task to rerun");

            String unknown = RunIds.scheduled("branches", SECOND);
            harness.rerunFailedTasks("branches", unknown, "of-nothing");

            DeadLetter refused = letters.await("the rerun of an unknown run",
                    l -> "failed-only".equals(l.getRule()) && l.getMessage().contains(unknown));
            assertThat(refused.getMessage()).contains("run " + unknown + " is unknown");
        }
    }

    @Test
    void theRejectThresholdHoldsForTheTotalsOfAllPartitionsOfATask() {
        String under = RunIds.scheduled("thresholds", FIRST);
        String over = RunIds.scheduled("thresholds", SECOND);
        // Partition 0 rejects half of its 10 records in both runs; partition 1 rejects 0 or 10 of 90.
        worker = harness.worker(command -> Behaviour.SUCCEED, (command, partition) -> {
            long in = partition == 0 ? 10 : 90;
            long rejected = !command.getTaskId().equals("clean") ? 0 : partition == 0 ? 5
                    : command.getRunId().equals(over) ? 10 : 0;
            return new TaskCounts(in, in - rejected, rejected, 0L);
        });

        harness.start("thresholds", FIRST, 0);
        assertThat(awaitEnd(under).getType()).isEqualTo(RunEventType.SUCCEEDED_WITH_REJECTS);
        harness.start("thresholds", SECOND, 0);
        RunEvent failed = awaitEnd(over);

        assertThat(storedRun(under).state().task("clean").status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(storedRun(under).state().task("load").status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(failed.getType()).isEqualTo(RunEventType.FAILED);
        TaskState clean = storedRun(over).state().task("clean");
        assertThat(clean.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(clean.message()).contains(
                "attempt 1 rejected 15 of 100 records in total (rate 0.1500), above the threshold 0.1000");
        TaskState load = storedRun(over).state().task("load");
        assertThat(load.status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(load.skipCause()).contains(SkipCause.UPSTREAM_FAILED);
        assertThat(worker.commands()).filteredOn(command -> command.getRunId().equals(over))
                .extracting(TaskCommand::getTaskId).containsOnly("extract", "clean");
    }

    @Test
    void taskCommandsCarryThePinnedSpecAndTheTopicsOfTheGraph() {
        worker = harness.worker(command -> Behaviour.SUCCEED);
        String runId = RunIds.scheduled("diamond", FIRST);

        harness.start("diamond", FIRST, 0);

        assertThat(awaitEnd(runId).getType()).isEqualTo(RunEventType.SUCCEEDED);
        TaskCommand join = worker.commands().stream().filter(c -> c.getTaskId().equals("join")).findFirst().orElseThrow();
        var topics = harness.topics();
        assertThat(join.getRunId()).isEqualTo(runId);
        assertThat(join.getInputTopics()).containsExactly(topics.data("diamond", "clean"), topics.data("diamond", "enrich"));
        assertThat(join.getOutputTopic()).isEqualTo(topics.data("diamond", "join"));
        assertThat(join.getDeadLetterTopic()).isEqualTo(topics.deadLetters("diamond"));
        assertThat(join.getConfig()).contains("\"id\":\"join\"");
        assertThat(join.getParameters()).containsEntry("region", "eu");
    }

    @Test
    void aFailedAttemptIsRetriedAfterItsBackoffAndAHungOneTimesOut() {
        worker = harness.worker(command -> {
            if (!command.getTaskId().equals("extract")) {
                return Behaviour.SUCCEED;
            }
            return switch (command.getAttempt()) {
                case 1 -> Behaviour.FAIL;
                case 2 -> Behaviour.HANG;
                default -> Behaviour.SUCCEED;
            };
        });
        String runId = RunIds.scheduled("retrying", FIRST);

        harness.start("retrying", FIRST, 0);

        assertThat(awaitEnd(runId).getType()).isEqualTo(RunEventType.SUCCEEDED);
        assertThat(worker.commands()).filteredOn(c -> c.getTaskId().equals("extract"))
                .extracting(c -> c.getAction() + "#" + c.getAttempt())
                .containsExactly("START#1", "START#2", "CANCEL#2", "START#3");
        TaskState extract = storedRun(runId).state().task("extract");
        assertThat(extract.attempt()).isEqualTo(3);
        assertThat(extract.status()).isEqualTo(TaskStatus.SUCCEEDED);
    }

    @Test
    void duplicateStartTriggersForOneLogicalTimeStartOneRun() {
        worker = harness.worker(command -> Behaviour.HANG);
        String runId = RunIds.scheduled("diamond", FIRST);

        harness.start("diamond", FIRST, 0);
        harness.start("diamond", FIRST, 0);
        harness.start("diamond", FIRST, 5);
        harness.start("diamond", SECOND, 0);
        // The later trigger shares the partition, so once it is queued the duplicates were processed.
        runEvents.await("the second run queued", e -> e.getRunId().equals(RunIds.scheduled("diamond", SECOND)));

        assertThat(runEvents.all()).filteredOn(e -> e.getRunId().equals(runId)).extracting(RunEvent::getType)
                .containsExactly(RunEventType.STARTED);
        assertThat(storedRun(runId).state().priority()).isZero();
    }

    @Test
    void withOneActiveRunAllowedTheSecondRunWaitsUntilTheFirstFinishes() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        String first = RunIds.scheduled("diamond", FIRST);
        String second = RunIds.scheduled("diamond", SECOND);
        worker = harness.worker(command -> {
            if (command.getRunId().equals(first) && command.getTaskId().equals("extract")) {
                await(release);
            }
            return Behaviour.SUCCEED;
        });

        harness.start("diamond", FIRST, 0);
        harness.start("diamond", SECOND, 0);
        runEvents.await("the second run queued", e -> e.getRunId().equals(second) && e.getType() == RunEventType.QUEUED);
        release.countDown();
        awaitEnd(second);

        assertThat(runEvents.all()).filteredOn(e -> e.getType() != RunEventType.QUEUED)
                .extracting(e -> e.getRunId() + " " + e.getType())
                .containsExactly(first + " STARTED", first + " SUCCEEDED", second + " STARTED", second + " SUCCEEDED");
    }

    @Test
    void queuedRunsStartInPriorityOrder() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        String first = RunIds.scheduled("diamond", FIRST);
        String low = RunIds.scheduled("diamond", SECOND);
        String high = RunIds.scheduled("diamond", THIRD);
        worker = harness.worker(command -> {
            if (command.getRunId().equals(first) && command.getTaskId().equals("extract")) {
                await(release);
            }
            return Behaviour.SUCCEED;
        });

        harness.start("diamond", FIRST, 0);
        harness.start("diamond", SECOND, 0);
        harness.start("diamond", THIRD, 5);
        runEvents.await("the third run queued", e -> e.getRunId().equals(high) && e.getType() == RunEventType.QUEUED);
        release.countDown();
        awaitEnd(low);

        assertThat(runEvents.all()).filteredOn(e -> e.getType() == RunEventType.STARTED).extracting(RunEvent::getRunId)
                .containsExactly(first, high, low);
    }

    @Test
    void poisonRecordsAreSkippedAndPoisonTriggersGoToTheDeadLetterTopic() {
        worker = harness.worker(command -> Behaviour.SUCCEED);
        byte[] garbage = "certainly not Avro".getBytes(StandardCharsets.UTF_8);

        harness.sendRaw(harness.topics().triggers(), "diamond", garbage);
        harness.sendRaw(harness.topics().taskStatus(), "diamond", garbage);
        harness.start("unknown-pipeline", FIRST, 0);
        harness.sendTrigger("diamond", triggerWithActionUnknownToTheTracker("PAUSE"));
        harness.start("diamond", FIRST, 0);

        assertThat(awaitEnd(RunIds.scheduled("diamond", FIRST)).getType()).isEqualTo(RunEventType.SUCCEEDED);
        try (TopicReader<DeadLetter> letters = harness.triggerDeadLetters()) {
            DeadLetter undeserializable = letters.await("the garbage trigger", l -> "deserialization".equals(l.getRule()));
            DeadLetter unknown = letters.await("the unknown pipeline", l -> "pipeline-deployed".equals(l.getRule()));
            DeadLetter newAction = letters.await("the unknown action", l -> "action".equals(l.getRule()));
            assertThat(newAction.getMessage()).contains("unknown trigger action UNKNOWN");
            assertThat(undeserializable.getStage()).isEqualTo(Stage.TRIGGER);
            assertThat(undeserializable.getOriginalValue().array()).isEqualTo(garbage);
            assertThat(undeserializable.getSourceTopic()).isEqualTo(harness.topics().triggers());
            assertThat(unknown.getPipeline()).isEqualTo("unknown-pipeline");
            assertThat(unknown.getMessage()).contains("'unknown-pipeline' is not deployed");
        }
    }

    @Test
    void aCancelledRunCancelsItsLiveAttempts() {
        worker = harness.worker(command -> Behaviour.HANG);
        String runId = RunIds.scheduled("diamond", FIRST);

        harness.start("diamond", FIRST, 0);
        runEvents.await("the run started", e -> e.getRunId().equals(runId) && e.getType() == RunEventType.STARTED);
        harness.cancel("diamond", runId);

        assertThat(awaitEnd(runId).getType()).isEqualTo(RunEventType.CANCELLED);
        // The run's end and the cancel command commit together, but the worker reads them on its own consumer.
        Awaits.until("the worker to receive the cancel command", Duration.ofSeconds(60),
                () -> worker.commands().stream().anyMatch(c -> c.getAction() == TaskAction.CANCEL));
        assertThat(worker.commands()).filteredOn(c -> c.getAction() == TaskAction.CANCEL)
                .extracting(TaskCommand::getTaskId).containsExactly("extract");
    }

    /** A trigger written by a newer producer whose action enum has one more symbol. */
    private static GenericRecord triggerWithActionUnknownToTheTracker(String action) {
        String current = TriggerEvent.getClassSchema().toString();
        String symbols = "\"symbols\":[\"START\",\"CANCEL\",\"UNKNOWN\"]";
        assertThat(current).contains(symbols);
        Schema newer = new Schema.Parser().parse(current.replace(symbols,
                "\"symbols\":[\"START\",\"CANCEL\",\"UNKNOWN\",\"" + action + "\"]"));
        // The builder fills in every field's default, as a newer producer's generated class would.
        return new GenericRecordBuilder(newer)
                .set("pipeline", "diamond")
                .set("action", new GenericData.EnumSymbol(newer.getField("action").schema(), action))
                .build();
    }

    private RunEvent awaitEnd(String runId) {
        return runEvents.await("run " + runId + " to end", e -> e.getRunId().equals(runId)
                && e.getType() != RunEventType.QUEUED && e.getType() != RunEventType.STARTED);
    }

    private TrackedRun storedRun(String runId) {
        KafkaStreams streams = tracker.getBean(KafkaStreams.class, Qualifiers.byName(TrackerFactory.TRACKER));
        return streams.store(StoreQueryParameters.fromNameAndType(TrackerStores.RUNS,
                QueryableStoreTypes.<String, TrackedRun>keyValueStore())).get(runId);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
