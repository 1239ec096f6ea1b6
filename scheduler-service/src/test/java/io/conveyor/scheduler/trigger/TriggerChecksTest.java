package io.conveyor.scheduler.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conveyor.control.PipelineVersion;
import io.conveyor.control.TriggerAction;
import io.conveyor.control.TriggerEvent;
import io.conveyor.deadletter.DeadLetter;
import io.conveyor.control.RunIds;
import io.conveyor.dataplane.replay.ReplaySlice;
import io.conveyor.scheduler.tracker.Awaits;
import io.conveyor.scheduler.tracker.Fixtures;
import io.conveyor.scheduler.tracker.TopicReader;
import io.conveyor.scheduler.tracker.TrackerHarness;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The checks a trigger gets before it is published, on a scheduler instance that runs the tracker
 * too: unknown parameters, cancels of unknown or finished runs, reused idempotency keys; and the same
 * refusals on the trigger topic, which end in the triggers' dead-letter topic. No worker answers the
 * task commands, so every run stays active until it is cancelled.
 */
@ExtendWith(ConveyorStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TriggerChecksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private TrackerHarness harness;
    private URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startASchedulerWithItsTracker(ConveyorStack stack) {
        harness = new TrackerHarness(stack);
        harness.deploy(Fixtures.version("diamond", 1));
        harness.deploy(renamed("retrying", "daily", "schedule: \"0 6 * * *\"\n", false));
        harness.deploy(renamed("retrying", "halted", "", true));
        harness.deploy(Fixtures.version("thresholds", 1));
        ApplicationContext context = harness.startTracker(Map.of(
                "conveyor.kafka.bootstrap-servers", stack.bootstrapServers(),
                "conveyor.kafka.schema-registry.url", stack.registryUrl(),
                "conveyor.kafka.topic-prefix", harness.topics().prefix()));
        base = URI.create("http://127.0.0.1:" + context.getBean(EmbeddedServer.class).getPort());
        Awaits.until("the scheduler to know pipeline diamond", WAIT, () -> get("/pipelines/diamond").status() == 200
                && get("/pipelines/thresholds").status() == 200);
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @Test
    void aParameterThePipelineDoesNotUseIsRefusedNamingTheOnesItUses() {
        Answer run = post("/pipelines/diamond/runs", """
                {"parameters": {"regoin": "us"}, "idempotencyKey": "misspelt"}""");
        Answer backfill = post("/pipelines/diamond/backfill", """
                {"from": "2026-01-01T00:00:00Z", "to": "2026-01-01T00:00:00Z", "parameters": {"regoin": "us", "day": "1"}}""");

        assertThat(run.status()).isEqualTo(422);
        assertThat(run.json().path("field").asText()).isEqualTo("parameters");
        assertThat(run.json().path("message").asText())
                .isEqualTo("pipeline 'diamond' does not use parameter 'regoin' (it uses [region])");
        assertThat(backfill.status()).isEqualTo(422);
        assertThat(backfill.json().path("message").asText())
                .isEqualTo("pipeline 'diamond' does not use parameters [day, regoin] (it uses [region])");
        assertThat(get("/runs/" + RunIds.manual("diamond", "misspelt")).status()).isEqualTo(404);
    }

    @Test
    void aParameterThePipelineDoesNotUseOnTheTriggerTopicIsDeadLettered() {
        harness.sendTrigger("diamond", manual("topic-misspelt", Map.of("regoin", "us")));

        try (TopicReader<DeadLetter> letters = harness.triggerDeadLetters()) {
            DeadLetter letter = letters.await("the trigger with an unknown parameter",
                    l -> "parameter-known".equals(l.getRule()));
            assertThat(letter.getMessage()).startsWith("pipeline 'diamond' does not use parameters [regoin] (it uses [region]);");
            assertThat(letter.getRunId()).isEqualTo(RunIds.manual("diamond", "topic-misspelt"));
        }
    }

    @Test
    void theReplaySliceIsAcceptedOnTheTriggerTopicOnlyWellFormedAndNeverOverRest() {
        harness.sendTrigger("diamond", manual("replay-bad-slice", Map.of(ReplaySlice.PARAMETER, "0:9-3")));
        harness.sendTrigger("diamond", manual("replay-slice", Map.of(ReplaySlice.PARAMETER, "0:3-9")));
        Answer overRest = post("/pipelines/diamond/runs", """
                {"parameters": {"conveyor.replay": "0:3-9"}, "idempotencyKey": "rest-replay"}""");

        try (TopicReader<DeadLetter> letters = harness.triggerDeadLetters()) {
            DeadLetter letter = letters.await("the trigger with a malformed slice", l -> "parameter-replay".equals(l.getRule()));
            assertThat(letter.getMessage()).startsWith("run parameter conveyor.replay is '0:9-3', not partition:from-to");
        }
        String runId = RunIds.manual("diamond", "replay-slice");
        Awaits.until("the replay run " + runId, WAIT, () -> get("/runs/" + runId).status() == 200);
        assertThat(get("/runs/" + runId).json().at("/parameters/conveyor.replay").asText()).isEqualTo("0:3-9");
        assertThat(overRest.status()).as("only a replay request sets it: %s", overRest.json()).isEqualTo(422);
    }

    @Test
    void anIdempotencyKeyReusedWithOtherParametersIsAConflictNamingTheKeyAndTheFirstRun() {
        Answer first = post("/pipelines/diamond/runs", """
                {"parameters": {"region": "us"}, "idempotencyKey": "nightly"}""");
        String runId = first.json().path("runId").asText();
        Awaits.until("the tracker to know run " + runId, WAIT, () -> get("/runs/" + runId).status() == 200);

        Answer other = post("/pipelines/diamond/runs", """
                {"parameters": {"region": "eu"}, "idempotencyKey": "nightly"}""");
        Answer defaults = post("/pipelines/diamond/runs", """
                {"idempotencyKey": "nightly"}""");
        Answer same = post("/pipelines/diamond/runs", """
                {"parameters": {"region": "us"}, "idempotencyKey": "nightly"}""");

        assertThat(first.status()).isEqualTo(202);
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.json().path("field").asText()).isEqualTo("idempotencyKey");
        assertThat(other.json().path("message").asText()).isEqualTo("idempotency key 'nightly' already started run " + runId
                + " with parameters {region=us}, not {region=eu}; use another key for another run");
        assertThat(defaults.status()).as("the default region differs from the first run's").isEqualTo(409);
        assertThat(same.status()).isEqualTo(202);
        assertThat(same.json().path("runId").asText()).isEqualTo(runId);
    }

    @Test
    void anIdempotencyKeyReusedWithOtherParametersOnTheTriggerTopicIsDeadLettered() {
        String runId = post("/pipelines/diamond/runs", """
                {"parameters": {"region": "us"}, "idempotencyKey": "topic-reused"}""").json().path("runId").asText();
        Awaits.until("the tracker to know run " + runId, WAIT, () -> get("/runs/" + runId).status() == 200);

        harness.sendTrigger("diamond", manual("topic-reused", Map.of("region", "eu")));

        try (TopicReader<DeadLetter> letters = harness.triggerDeadLetters()) {
            DeadLetter letter = letters.await("the trigger reusing a key", l -> "idempotency-key".equals(l.getRule()));
            assertThat(letter.getRunId()).isEqualTo(runId);
            assertThat(letter.getMessage()).startsWith("idempotency key 'topic-reused' already started run " + runId
                    + " with parameters {region=us}, not {region=eu};");
        }
        assertThat(get("/runs/" + runId).json().at("/parameters/region").asText()).isEqualTo("us");
    }

    @Test
    void cancellingAnUnknownRunIsNotFoundAndAFinishedRunIsAConflict() {
        String runId = post("/pipelines/diamond/runs", """
                {"idempotencyKey": "to-cancel"}""").json().path("runId").asText();
        Awaits.until("the tracker to know run " + runId, WAIT, () -> get("/runs/" + runId).status() == 200);

        Answer unknown = post("/runs/diamond@20200101T000000Z/cancel", "{}");
        Answer active = post("/runs/" + runId + "/cancel", "{}");
        Awaits.until("run " + runId + " to be cancelled", WAIT,
                () -> get("/runs/" + runId).json().at("/run/status").asText().equals("CANCELLED"));
        Answer finished = post("/runs/" + runId + "/cancel", "{}");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("message").asText()).isEqualTo("no run diamond@20200101T000000Z");
        assertThat(unknown.json().path("field").asText()).isEqualTo("runId");
        assertThat(active.status()).isEqualTo(202);
        assertThat(finished.status()).isEqualTo(409);
        assertThat(finished.json().path("message").asText())
                .isEqualTo("run " + runId + " has finished (CANCELLED); there is nothing to cancel");
    }

    @Test
    void runPagesBeyondTheOffsetBoundAreABadRequestNamingTheBound() {
        Answer local = get("/runs?local=true&offset=2147483647&limit=2147483647");
        Answer merged = get("/runs?offset=100001&limit=10");

        assertThat(local.status()).isEqualTo(400);
        assertThat(local.json().path("message").asText()).isEqualTo("offset must be at most 100000, was 2147483647");
        assertThat(merged.status()).isEqualTo(400);
        assertThat(merged.json().path("message").asText()).isEqualTo("offset must be at most 100000, was 100001");
        assertThat(get("/runs?offset=100000&limit=1000").status()).isEqualTo(200);
    }

    @Test
    void aBackfillOfFireTimesThatAlreadyRanIsAConflictListingThemAndForceRerunsThemAsNewRuns() {
        Answer first = post("/pipelines/daily/backfill", """
                {"from": "2026-01-01T06:00:00Z", "to": "2026-01-01T06:00:00Z"}""");
        String ran = "daily@20260101T060000Z";
        Awaits.until("the tracker to know run " + ran, WAIT, () -> get("/runs/" + ran).status() == 200);

        Answer again = post("/pipelines/daily/backfill", """
                {"from": "2026-01-01T00:00:00Z", "to": "2026-01-02T12:00:00Z"}""");
        Answer forced = post("/pipelines/daily/backfill", """
                {"from": "2026-01-01T00:00:00Z", "to": "2026-01-02T12:00:00Z", "force": true}""");

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("message").asText()).isEqualTo("1 of the 2 fire times of the range already ran;"
                + " nothing was started (force=true reruns them as new runs)");
        assertThat(again.json().at("/alreadyRan/0/runId").asText()).isEqualTo(ran);
        assertThat(again.json().at("/alreadyRan/0/logicalTime").asText()).isEqualTo("2026-01-01T06:00:00Z");
        assertThat(again.json().path("alreadyRan")).hasSize(1);
        assertThat(forced.status()).isEqualTo(202);
        String rerun = forced.json().at("/reruns/0/runId").asText();
        assertThat(forced.json().at("/reruns/0/rerunOf").asText()).isEqualTo(ran);
        assertThat(rerun).startsWith("daily@m-");
        assertThat(forced.json().path("runIds").get(0).asText()).isEqualTo(rerun);
        assertThat(forced.json().path("runIds").get(1).asText()).isEqualTo("daily@20260102T060000Z");
        Awaits.until("the tracker to know rerun " + rerun, WAIT, () -> get("/runs/" + rerun).status() == 200);
        JsonNode detail = get("/runs/" + rerun).json();
        assertThat(detail.at("/run/rerunOf").asText()).isEqualTo(ran);
        assertThat(detail.at("/run/logicalTime").asText()).isEqualTo("2026-01-01T06:00:00Z");
    }

    @Test
    void aFinishedRunIsRerunAsANewRunWithItsParametersAndLineageWhileUnknownAndActiveRunsAreRefused() {
        String runId = post("/pipelines/diamond/runs", """
                {"parameters": {"region": "us"}, "idempotencyKey": "to-rerun"}""").json().path("runId").asText();
        Awaits.until("the tracker to know run " + runId, WAIT, () -> get("/runs/" + runId).status() == 200);

        Answer unknown = post("/runs/diamond@20200101T000000Z/rerun", "{}");
        Answer active = post("/runs/" + runId + "/rerun", "{}");
        Answer failedOnly = post("/runs/" + runId + "/rerun", """
                {"failedOnly": true}""");
        post("/runs/" + runId + "/cancel", "{}");
        Awaits.until("run " + runId + " to be cancelled", WAIT,
                () -> get("/runs/" + runId).json().at("/run/status").asText().equals("CANCELLED"));
        Answer rerun = post("/runs/" + runId + "/rerun", """
                {"requestedBy": "gina", "idempotencyKey": "rerun-1"}""");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(active.status()).isEqualTo(409);
        assertThat(active.json().path("message").asText()).startsWith("run " + runId + " has not finished (");
        assertThat(failedOnly.status()).isEqualTo(409);
        assertThat(failedOnly.json().path("message").asText()).startsWith("run " + runId + " has not finished (");
        assertThat(rerun.status()).isEqualTo(202);
        String newRun = rerun.json().path("runId").asText();
        assertThat(newRun).isEqualTo(RunIds.manual("diamond", "rerun-1"));
        assertThat(rerun.json().path("rerunOf").asText()).isEqualTo(runId);
        Awaits.until("the tracker to know rerun " + newRun, WAIT, () -> get("/runs/" + newRun).status() == 200);
        JsonNode detail = get("/runs/" + newRun).json();
        assertThat(detail.at("/run/rerunOf").asText()).isEqualTo(runId);
        assertThat(detail.at("/parameters/region").asText()).isEqualTo("us");
        assertThat(detail.at("/run/trigger").asText()).isEqualTo("MANUAL");
        post("/runs/" + newRun + "/cancel", "{}");
        // Every task of the cancelled run ended CANCELLED, so a rerun of its failed tasks runs all of them again.
        Answer failedTasks = post("/runs/" + runId + "/rerun", """
                {"failedOnly": true, "idempotencyKey": "rerun-failed"}""");
        assertThat(failedTasks.status()).isEqualTo(202);
        assertThat(failedTasks.json().path("failedOnly").asBoolean()).isTrue();
        String failedTasksRun = failedTasks.json().path("runId").asText();
        Awaits.until("the tracker to know rerun " + failedTasksRun, WAIT, () -> get("/runs/" + failedTasksRun).status() == 200);
        assertThat(get("/runs/" + failedTasksRun).json().at("/run/rerunOf").asText()).isEqualTo(runId);
        post("/runs/" + failedTasksRun + "/cancel", "{}");
    }

    @Test
    void aTriggerOfAPausedPipelineIsRefusedOverRestAndDeadLetteredFromTheTopic() {
        Answer run = post("/pipelines/halted/runs", "{}");
        harness.sendTrigger("halted", TriggerEvent.newBuilder().setPipeline("halted").setAction(TriggerAction.START)
                .setRequestedBy("test").setRequestedAt(Instant.now()).setIdempotencyKey("while-paused").build());

        assertThat(run.status()).isEqualTo(409);
        try (TopicReader<DeadLetter> letters = harness.triggerDeadLetters()) {
            DeadLetter letter = letters.await("the trigger of a paused pipeline", l -> "pipeline-paused".equals(l.getRule()));
            assertThat(letter.getMessage()).startsWith("pipeline 'halted' is paused; it starts no run until it is unpaused");
        }
        assertThat(get("/runs/" + RunIds.manual("halted", "while-paused")).status()).isEqualTo(404);
    }

    @Test
    void aPipelineWithAnActiveRunIsNotDeletedUntilTheRunHasFinished() {
        String runId = post("/pipelines/thresholds/runs", "{}").json().path("runId").asText();
        Awaits.until("the tracker to know run " + runId, WAIT, () -> get("/runs/" + runId).status() == 200);

        Answer refused = delete("/pipelines/thresholds?confirm=thresholds");
        post("/runs/" + runId + "/cancel", "{}");
        Awaits.until("run " + runId + " to be cancelled", WAIT,
                () -> get("/runs/" + runId).json().at("/run/status").asText().equals("CANCELLED"));
        Answer deleted = delete("/pipelines/thresholds?confirm=thresholds");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("activeRuns").get(0).asText()).isEqualTo(runId);
        assertThat(refused.json().path("message").asText()).startsWith("pipeline 'thresholds' has 1 queued or running run(s)");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(get("/pipelines/thresholds").status()).isEqualTo(404);
    }

    /** A fixture under another name, with extra top-level keys, optionally paused. */
    private static PipelineVersion renamed(String fixture, String name, String extra, boolean paused) {
        PipelineVersion original = Fixtures.version(fixture, 1);
        String yaml = original.getDefinition().replace("name: " + fixture + "\n", "name: " + name + "\n" + extra);
        return PipelineVersion.newBuilder(original).setName(name).setDefinition(yaml).setSourceFile(name + ".yaml")
                .setPaused(paused).build();
    }

    private static TriggerEvent manual(String idempotencyKey, Map<String, String> parameters) {
        return TriggerEvent.newBuilder().setPipeline("diamond").setAction(TriggerAction.START).setRequestedBy("test")
                .setRequestedAt(Instant.now()).setIdempotencyKey(idempotencyKey).setParameters(parameters).build();
    }

    private Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    private Answer post(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private Answer delete(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE().build());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Answer(int status, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }
}
