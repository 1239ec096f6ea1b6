package io.conveyor.scheduler.query;

import io.conveyor.control.RunIds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conveyor.control.RunEvent;
import io.conveyor.control.RunEventType;
import io.conveyor.control.TaskCounts;
import io.conveyor.scheduler.tracker.Awaits;
import io.conveyor.scheduler.tracker.Fixtures;
import io.conveyor.scheduler.tracker.RunJson;
import io.conveyor.scheduler.tracker.ScriptedWorker;
import io.conveyor.scheduler.tracker.ScriptedWorker.Behaviour;
import io.conveyor.scheduler.tracker.TopicReader;
import io.conveyor.scheduler.tracker.TrackerFactory;
import io.conveyor.scheduler.tracker.TrackerHarness;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import io.micronaut.inject.qualifiers.Qualifiers;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two tracker instances of one application: every query answers the same on both. */
@ExtendWith(ConveyorStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunQueriesTest {

    private static final Instant LOGICAL = Instant.parse("2026-03-01T02:00:00Z");

    private TrackerHarness harness;
    private final List<HttpClient> clients = new ArrayList<>();
    private ScriptedWorker worker;
    private String diamondRun;
    private String retryingRun;

    @BeforeAll
    void runTwoPipelinesOnTwoInstances(ConveyorStack stack) throws Exception {
        harness = new TrackerHarness(stack);
        harness.deploy(Fixtures.version("diamond", 1));
        harness.deploy(Fixtures.version("retrying", 1));
        ApplicationContext first = harness.startTracker();
        ApplicationContext second = harness.startTracker();
        Awaits.until("each instance to own one of the two partitions", Duration.ofSeconds(60),
                () -> activeTasks(first) == 1 && activeTasks(second) == 1
                        && running(first) && running(second));
        clients.add(client(first));
        clients.add(client(second));
        // Every task reads 5 records in its last partition; clean drops one of them on purpose.
        worker = harness.worker(command -> command.getTaskId().equals("load") && command.getPipeline().equals("retrying")
                ? Behaviour.FAIL : Behaviour.SUCCEED, (command, partition) -> partition == 0 ? new TaskCounts(0L, 0L, 0L, 0L)
                : command.getTaskId().equals("clean") ? new TaskCounts(5L, 4L, 0L, 1L) : new TaskCounts(5L, 5L, 0L, 0L));
        diamondRun = RunIds.scheduled("diamond", LOGICAL);
        retryingRun = RunIds.scheduled("retrying", LOGICAL);
        try (TopicReader<RunEvent> events = harness.runEvents()) {
            harness.start("diamond", LOGICAL, 0);
            events.await("the diamond run to succeed", e -> e.getRunId().equals(diamondRun)
                    && e.getType() == RunEventType.SUCCEEDED);
            harness.start("retrying", LOGICAL, 0);
            events.await("the retrying run to fail", e -> e.getRunId().equals(retryingRun)
                    && e.getType() == RunEventType.FAILED);
        }
    }

    @AfterAll
    void stop() throws InterruptedException {
        clients.forEach(HttpClient::close);
        worker.close();
        harness.close();
    }

    @Test
    void eitherInstanceAnswersWithTheRunItsTasksAttemptsAndCounts() throws Exception {
        for (HttpClient client : clients) {
            JsonNode detail = get(client, "/runs/" + diamondRun);

            assertThat(detail.at("/run/status").asText()).isEqualTo("SUCCEEDED");
            assertThat(detail.at("/run/pipeline").asText()).isEqualTo("diamond");
            assertThat(detail.at("/run/startedAt").isTextual()).isTrue();
            assertThat(detail.at("/run/counts/recordsIn").asLong()).isEqualTo(5);
            assertThat(detail.at("/run/counts/recordsDropped").asLong()).isEqualTo(1);
            assertThat(detail.at("/tasks/1/task/counts/recordsDropped").asLong()).isEqualTo(1);
            for (JsonNode task : detail.at("/tasks")) {
                JsonNode counts = task.at("/task/counts");
                assertThat(counts.has("recordsDropped")).as("recordsDropped in %s", counts).isTrue();
                assertThat(counts.get("recordsIn").asLong()).as("in = out + rejected + dropped in %s", counts)
                        .isEqualTo(counts.get("recordsOut").asLong() + counts.get("recordsRejected").asLong()
                                + counts.get("recordsDropped").asLong());
            }
            assertThat(detail.at("/tasks").findValuesAsText("taskId"))
                    .containsExactly("extract", "clean", "enrich", "join", "load");
            JsonNode extract = detail.at("/tasks/0");
            assertThat(extract.at("/task/attempt").asInt()).isEqualTo(1);
            assertThat(extract.at("/task/timings/finishedAt").isTextual()).isTrue();
            assertThat(extract.at("/partitions/done").size()).isEqualTo(2);
        }
    }

    @Test
    void historyWithoutAFilterMergesTheInstancesNewestFirst() throws Exception {
        for (HttpClient client : clients) {
            assertThat(get(client, "/runs").at("/runs").findValuesAsText("runId"))
                    .containsExactly(retryingRun, diamondRun);
            assertThat(get(client, "/runs?offset=1&limit=1").at("/runs").findValuesAsText("runId"))
                    .containsExactly(diamondRun);
        }
    }

    @Test
    void historyFiltersByPipelineAndStatus() throws Exception {
        for (HttpClient client : clients) {
            assertThat(get(client, "/runs?pipeline=retrying").at("/runs").findValuesAsText("runId"))
                    .containsExactly(retryingRun);
            assertThat(get(client, "/runs?status=failed").at("/runs").findValuesAsText("runId"))
                    .containsExactly(retryingRun);
            assertThat(get(client, "/runs?pipeline=diamond&status=FAILED").at("/runs")).isEmpty();
        }
    }

    @Test
    void unknownAndMalformedRunIdsAreAnsweredPrecisely() {
        for (HttpClient client : clients) {
            assertThat(status(client, "/runs/diamond@m-0000000000000000")).isEqualTo(404);
            assertThat(status(client, "/runs/no-at-sign")).isEqualTo(400);
            assertThat(status(client, "/runs?status=sleeping")).isEqualTo(400);
        }
    }

    private static JsonNode get(HttpClient client, String uri) throws Exception {
        return RunJson.MAPPER.readTree(client.toBlocking().retrieve(HttpRequest.GET(uri), String.class));
    }

    private static int status(HttpClient client, String uri) {
        try {
            HttpResponse<String> response = client.toBlocking().exchange(HttpRequest.GET(uri), String.class);
            return response.code();
        } catch (HttpClientResponseException e) {
            return e.code();
        }
    }

    private static HttpClient client(ApplicationContext context) {
        return HttpClient.create(context.getBean(EmbeddedServer.class).getURL());
    }

    private static long activeTasks(ApplicationContext context) {
        return context.getBean(KafkaStreams.class, Qualifiers.byName(TrackerFactory.TRACKER)).metadataForLocalThreads().stream()
                .mapToLong(thread -> thread.activeTasks().size()).sum();
    }

    private static boolean running(ApplicationContext context) {
        return context.getBean(KafkaStreams.class, Qualifiers.byName(TrackerFactory.TRACKER)).state() == KafkaStreams.State.RUNNING;
    }
}
