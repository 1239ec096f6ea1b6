package io.conveyor.scheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.conveyor.control.TriggerEvent;
import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.scheduler.deploy.DeployResult;
import io.conveyor.scheduler.deploy.PipelineDeployer;
import io.conveyor.schemas.TopicNames;
import io.conveyor.scheduler.tracker.TrackerHarness;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import io.micronaut.context.ApplicationContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/** The scheduler service as configured: the scheduled ticker fires with the context's clock. */
@ExtendWith(ConveyorStackExtension.class)
class CronTickerWiringTest {

    private static final Instant DEPLOYED = Instant.parse("2026-05-01T12:00:00Z");

    @Test
    void scheduledTickerFiresDueTimesOfDeployedPipelines(ConveyorStack stack) {
        TopicNames topics = new TopicNames(ConveyorStack.uniqueName("ticker"));
        stack.createTopics(1, topics.triggers());
        MutableClock clock = new MutableClock(DEPLOYED);
        try (ApplicationContext context = ApplicationContext.builder()
                .environments(SchedulerApplication.ENVIRONMENT)
                .deduceEnvironment(false)
                .singletons(clock)
                .properties(Map.of(
                        "micronaut.server.port", -1,
                        "kafka.enabled", false,
                        "conveyor.kafka.bootstrap-servers", stack.bootstrapServers(),
                        "conveyor.kafka.schema-registry.url", stack.registryUrl(),
                        "conveyor.kafka.topic-prefix", topics.prefix(),
                        "conveyor.scheduler.cron.tick", "100ms"))
                .start()) {
            DeployResult deployed = context.getBean(PipelineDeployer.class)
                    .deploy(Pipelines.yaml("ticked", "* * * * *", "UTC", "all", 10), "ticked.yaml", Optional.empty());
            assertThat(deployed).isInstanceOf(DeployResult.Deployed.class);

            clock.set(DEPLOYED.plusSeconds(121));

            assertThat(awaitTriggers(stack, topics, 2)).extracting(TriggerEvent::getLogicalTime)
                    .containsExactly(DEPLOYED.plusSeconds(60), DEPLOYED.plusSeconds(120));
        }
    }

    @Test
    void closingTheServiceWhileItTicksStopsTheTickerWithoutAnError(ConveyorStack stack) throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        log.start();
        root.addAppender(log);
        // The whole service, tracker included: closing its Kafka Streams takes a while, and ticks fall due meanwhile.
        try (TrackerHarness service = new TrackerHarness(stack)) {
            ApplicationContext context = service.startTracker(Map.of(
                    "conveyor.kafka.bootstrap-servers", stack.bootstrapServers(),
                    "conveyor.kafka.schema-registry.url", stack.registryUrl(),
                    "conveyor.kafka.topic-prefix", service.topics().prefix(),
                    "conveyor.scheduler.cron.enabled", true,
                    "conveyor.scheduler.cron.tick", "10ms"));
            Thread.sleep(300);

            context.close();
            // Ticks that fell due while it closed would have failed by now, had the ticker been left running.
            Thread.sleep(300);
        } finally {
            root.detachAppender(log);
        }

        assertThat(log.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
                .filteredOn(event -> event.getLoggerName().startsWith("io.conveyor.scheduler.schedule")
                        || event.getLoggerName().startsWith("io.micronaut"))
                .extracting(event -> event.getLoggerName() + ": " + event.getFormattedMessage()).isEmpty();
    }

    /** Waits for the ticker's transaction rather than for a guessed time. */
    private static List<TriggerEvent> awaitTriggers(ConveyorStack stack, TopicNames topics, int count) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        List<TriggerEvent> triggers = TriggerRecords.values(stack, topics.triggers());
        while (triggers.size() < count && System.nanoTime() < deadline) {
            triggers = TriggerRecords.values(stack, topics.triggers());
        }
        return triggers;
    }
}
