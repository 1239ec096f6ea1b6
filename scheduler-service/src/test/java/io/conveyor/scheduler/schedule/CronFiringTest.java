package io.conveyor.scheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.control.TriggerAction;
import io.conveyor.control.TriggerEvent;
import io.conveyor.scheduler.catalog.PipelineCatalog;
import io.conveyor.scheduler.deploy.DeployResult;
import io.conveyor.scheduler.deploy.PipelineDeployer;
import io.conveyor.schemas.TopicNames;
import io.conveyor.serde.registry.SchemaRegistryClient;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ConveyorStackExtension.class)
class CronFiringTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Instant DEPLOYED = Instant.parse("2026-05-01T12:00:00Z");

    private final ConveyorStack stack;
    private final TopicNames topics = new TopicNames(ConveyorStack.uniqueName("cron"));
    private final ScheduleCalculator calculator = new ScheduleCalculator(Duration.ofSeconds(10));
    private final MutableClock clock = new MutableClock(DEPLOYED);
    private PipelineCatalog catalog;

    CronFiringTest(ConveyorStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void start() {
        stack.createTopics(3, topics.triggers());
        catalog = PipelineCatalog.start(stack.clientConfig(), topics, TIMEOUT);
    }

    @AfterEach
    void stop() {
        catalog.close();
    }

    @Test
    void firesEveryMinuteOfAnEveryMinuteSchedule() {
        deploy("minutely", "none");
        try (CronFiring scheduler = replica("a")) {
            clock.set(minute(1).plusSeconds(1));
            List<TriggerEvent> first = scheduler.tick();
            List<TriggerEvent> again = scheduler.tick();
            clock.set(minute(2).plusMillis(300));
            List<TriggerEvent> second = scheduler.tick();

            assertThat(logicalTimes(first)).containsExactly(minute(1));
            assertThat(again).isEmpty();
            assertThat(logicalTimes(second)).containsExactly(minute(2));
        }
        List<ConsumerRecord<String, TriggerEvent>> published = TriggerRecords.readAll(stack, topics.triggers());
        assertThat(published).extracting(ConsumerRecord::key).containsOnly("minutely");
        assertThat(published).extracting(ConsumerRecord::value).allSatisfy(trigger -> {
            assertThat(trigger.getPipeline()).isEqualTo("minutely");
            assertThat(trigger.getAction()).isEqualTo(TriggerAction.START);
            assertThat(trigger.getRequestedBy()).isEqualTo("scheduler");
            assertThat(trigger.getIdempotencyKey()).isNull();
        });
        assertThat(published).extracting(record -> record.value().getLogicalTime()).containsExactly(minute(1), minute(2));
    }

    @Test
    void restartWithCatchupAllFiresEveryMissedTime() {
        assertThat(logicalTimes(firesAfterRestart("catchall", "all"))).containsExactly(minute(2), minute(3), minute(4), minute(5));
    }

    @Test
    void restartWithCatchupLatestFiresOnlyTheLastMissedTime() {
        assertThat(logicalTimes(firesAfterRestart("catchlatest", "latest"))).containsExactly(minute(5));
    }

    @Test
    void restartWithCatchupNoneFiresNoMissedTime() {
        assertThat(firesAfterRestart("catchnone", "none")).isEmpty();
        try (CronFiring restarted = replica("c")) {
            clock.set(minute(6).plusSeconds(1));
            assertThat(logicalTimes(restarted.tick())).containsExactly(minute(6));
        }
    }

    @Test
    void replicasDecidingOnTheSameWindowFireIdenticalLogicalTimes() {
        deploy("replicated", "none");
        try (CronFiring a = replica("a"); CronFiring b = replica("b")) {
            clock.set(minute(1).plusSeconds(2));
            a.refreshState();
            b.refreshState();

            List<TriggerEvent> firedByA = a.fireDue();
            List<TriggerEvent> firedByB = b.fireDue();

            assertThat(logicalTimes(firedByA)).containsExactly(minute(1));
            assertThat(logicalTimes(firedByB)).isEqualTo(logicalTimes(firedByA));
        }
        assertThat(TriggerRecords.values(stack, topics.triggers())).extracting(TriggerEvent::getLogicalTime)
                .containsExactly(minute(1), minute(1));
    }

    @Test
    void aReplicaSeesWhatAnotherReplicaAlreadyFired() {
        deploy("shared", "all");
        try (CronFiring a = replica("a"); CronFiring b = replica("b")) {
            clock.set(minute(1).plusSeconds(2));

            assertThat(logicalTimes(a.tick())).containsExactly(minute(1));
            assertThat(b.tick()).isEmpty();
        }
    }

    @Test
    void pipelinesWithoutScheduleAreNeverFired() throws Exception {
        DeployResult result = deployer().deploy("""
                name: ondemand
                tasks:
                  - {id: a, kind: extract, source: {type: csv, path: /data/in.csv}}
                """, "ondemand.yaml", Optional.empty());
        assertThat(result).isInstanceOf(DeployResult.Deployed.class);
        try (CronFiring scheduler = replica("a")) {
            clock.set(DEPLOYED.plus(Duration.ofDays(2)));

            assertThat(scheduler.tick()).isEmpty();
        }
    }

    @Test
    void aPausedPipelineIsFiredByNoReplicaEvenAfterARestartAndCatchesUpByItsPolicyOnceUnpaused() {
        deploy("pausable", "all");
        assertThat(deployer().setPaused("pausable", true)).hasValueSatisfying(version ->
                assertThat(version.getPaused()).isTrue());
        try (CronFiring a = replica("a")) {
            clock.set(minute(1).plusSeconds(1));
            assertThat(a.tick()).isEmpty();
        }
        // Another replica, with a catalog of its own read from the topic as after a restart.
        try (PipelineCatalog restarted = PipelineCatalog.start(stack.clientConfig(), topics, TIMEOUT);
             CronFiring b = CronFiring.start(restarted, calculator, topics, stack.clientConfig(), clock, "b", TIMEOUT)) {
            clock.set(minute(2).plusSeconds(1));
            assertThat(restarted.pipeline("pausable")).hasValueSatisfying(p -> assertThat(p.version().getPaused()).isTrue());
            assertThat(b.tick()).isEmpty();
        }
        assertThat(deployer().setPaused("pausable", false)).hasValueSatisfying(version ->
                assertThat(version.getPaused()).isFalse());
        try (CronFiring a = replica("a")) {
            clock.set(minute(3).plusSeconds(1));
            assertThat(logicalTimes(a.tick())).containsExactly(minute(1), minute(2), minute(3));
        }
    }

    @Test
    void aNewVersionOfAPausedPipelineStaysPaused() {
        deploy("stillpaused", "none");
        deployer().setPaused("stillpaused", true);

        DeployResult next = deployer().deploy(Pipelines.yaml("stillpaused", "*/2 * * * *", "UTC", "none", 1),
                "stillpaused.yaml", Optional.empty());

        assertThat(next).isInstanceOfSatisfying(DeployResult.Deployed.class, deployed -> {
            assertThat(deployed.version().getVersion()).isEqualTo(2);
            assertThat(deployed.version().getPaused()).isTrue();
        });
        try (CronFiring a = replica("a")) {
            clock.set(minute(4).plusSeconds(1));
            assertThat(a.tick()).isEmpty();
        }
    }

    /** Fires minute 1, stops, and restarts at 5.5 minutes: minutes 2 to 5 were missed. */
    private List<TriggerEvent> firesAfterRestart(String pipeline, String catchup) {
        deploy(pipeline, catchup);
        try (CronFiring before = replica("a")) {
            clock.set(minute(1).plusSeconds(1));
            assertThat(logicalTimes(before.tick())).containsExactly(minute(1));
        }
        try (CronFiring after = replica("b")) {
            clock.set(minute(5).plusSeconds(30));
            return after.tick();
        }
    }

    private void deploy(String pipeline, String catchup) {
        DeployResult result = deployer().deploy(Pipelines.yaml(pipeline, "* * * * *", "UTC", catchup, 100),
                pipeline + ".yaml", Optional.empty());
        assertThat(result).isInstanceOf(DeployResult.Deployed.class);
    }

    private PipelineDeployer deployer() {
        return new PipelineDeployer(catalog, new SchemaRegistryClient(stack.registryUrl()), topics, stack.clientConfig(), 1,
                Clock.fixed(DEPLOYED, ZoneOffset.UTC));
    }

    private CronFiring replica(String instance) {
        return CronFiring.start(catalog, calculator, topics, stack.clientConfig(), clock, instance, TIMEOUT);
    }

    private static List<Instant> logicalTimes(List<TriggerEvent> triggers) {
        return triggers.stream().map(TriggerEvent::getLogicalTime).toList();
    }

    private static Instant minute(int minute) {
        return DEPLOYED.plusSeconds(60L * minute);
    }
}
