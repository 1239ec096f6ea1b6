package io.conveyor.scheduler.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.control.RunEvent;
import io.conveyor.control.RunEventType;
import io.conveyor.control.RunIds;
import io.conveyor.scheduler.tracker.Fixtures;
import io.conveyor.scheduler.tracker.ScriptedWorker;
import io.conveyor.scheduler.tracker.ScriptedWorker.Behaviour;
import io.conveyor.scheduler.tracker.TopicReader;
import io.conveyor.scheduler.tracker.TrackerHarness;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tracker closed and started again on its state directory, as the launcher's second run and a
 * redeployed scheduler do: its run queries must answer within seconds, not once the closed
 * instance's session in the consumer group has timed out (45 s).
 */
@ExtendWith(ConveyorStackExtension.class)
class RestartedTrackerTest {

    private static final Instant LOGICAL = Instant.parse("2026-03-01T02:00:00Z");
    /** A rebalance that waits for a gone member takes the session timeout, 45 s; a prompt one about a second. */
    private static final Duration WITHIN = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(RestartedTrackerTest.class);

    private TrackerHarness harness;
    private ScriptedWorker worker;

    @BeforeEach
    void deploy(ConveyorStack stack) {
        harness = new TrackerHarness(stack);
        harness.deploy(Fixtures.version("diamond", 1));
        worker = harness.worker(command -> Behaviour.SUCCEED);
    }

    @AfterEach
    void stop() throws InterruptedException {
        worker.close();
        harness.close();
    }

    @Test
    void aRestartedTrackerAnswersQueriesWithinSeconds(@TempDir Path stateDir) throws Exception {
        assertRestartAnswersWithinSeconds(Map.of("conveyor.tracker.state-dir", stateDir.toString()));
    }

    @Test
    void aRestartedTrackerWithAnInstanceIdAnswersQueriesWithinSeconds(@TempDir Path stateDir) throws Exception {
        assertRestartAnswersWithinSeconds(Map.of("conveyor.tracker.state-dir", stateDir.toString(),
                "conveyor.tracker.instance-id", "tracker-0"));
    }

    private void assertRestartAnswersWithinSeconds(Map<String, Object> settings) throws Exception {
        String runId = RunIds.scheduled("diamond", LOGICAL);
        ApplicationContext first = harness.startTracker(settings);
        try (TopicReader<RunEvent> events = harness.runEvents()) {
            harness.start("diamond", LOGICAL, 0);
            events.await("the run to succeed", e -> e.getRunId().equals(runId) && e.getType() == RunEventType.SUCCEEDED);
        }
        first.close();
        try (var kept = Files.list(Path.of(settings.get("conveyor.tracker.state-dir").toString()))) {
            assertThat(kept).as("the tracker's state kept on disk").isNotEmpty();
        }

        long started = System.nanoTime();
        ApplicationContext second = harness.startTracker(new HashMap<>(settings));
        String answer = firstAnswer(second, "/runs/" + runId, started);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        LOG.info("restarted tracker ({}) answered GET /runs/{id} {} ms after it was started", settings.keySet(), took.toMillis());
        assertThat(answer).contains("\"status\":\"SUCCEEDED\"");
        assertThat(took).as("tracker start to the first answer of GET /runs/{id}").isLessThan(WITHIN);
    }

    /** Polls until the query answers 200; 503 (not queryable yet) and 404 (not restored yet) are retried. */
    private static String firstAnswer(ApplicationContext tracker, String uri, long since) throws InterruptedException {
        try (HttpClient client = HttpClient.create(tracker.getBean(EmbeddedServer.class).getURL())) {
            while (System.nanoTime() - since < TimeUnit.SECONDS.toNanos(90)) {
                try {
                    return client.toBlocking().retrieve(HttpRequest.GET(uri), String.class);
                } catch (HttpClientResponseException e) {
                    assertThat(e.code()).as("only 'not yet' answers while restarting: %s", e.getResponse().getBody(String.class))
                            .isIn(503, 404);
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        throw new AssertionError("the restarted tracker did not answer " + uri + " within 90 s");
    }
}
