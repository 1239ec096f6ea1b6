package io.conveyor.cli.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conveyor.cli.CliFailure;
import io.conveyor.cli.ExitCodes;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SchedulerApiTest {

    private final SchedulerApi api = new SchedulerApi("http://scheduler.example:8080/");

    @Test
    void aTriggerPostsTheParametersKeyPriorityAndRequesterAsJsonToThePipelinesRuns() throws Exception {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("input", "/data/in put.csv");
        HttpRequest request = api.triggerRequest("orders", parameters, Optional.of("nightly-2026-12-07"), Optional.of(7), "cli:ann");

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).hasToString("http://scheduler.example:8080/pipelines/orders/runs");
        assertThat(request.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode body = new ObjectMapper().readTree(body(request));
        assertThat(body.path("parameters").path("input").asText()).isEqualTo("/data/in put.csv");
        assertThat(body.path("idempotencyKey").asText()).isEqualTo("nightly-2026-12-07");
        assertThat(body.path("priority").asInt()).isEqualTo(7);
        assertThat(body.path("requestedBy").asText()).isEqualTo("cli:ann");
    }

    @Test
    void aTriggerWithoutKeyOrPriorityLeavesThemToTheScheduler() throws Exception {
        JsonNode body = new ObjectMapper().readTree(body(api.triggerRequest("orders", Map.of(), Optional.empty(), Optional.empty(), "x")));

        assertThat(body.has("idempotencyKey")).isFalse();
        assertThat(body.has("priority")).isFalse();
    }

    @Test
    void namesAndQueryValuesAreEscapedSoTheyCannotChangeThePath() {
        assertThat(api.deployRequest("name: x", "my file&v=2.yaml", "cli:ann").uri())
                .hasToString("http://scheduler.example:8080/pipelines?deployedBy=cli%3Aann&file=my%20file%26v%3D2.yaml");
        assertThat(api.cancelRequest("orders@20261207T030000Z", "x").uri())
                .hasToString("http://scheduler.example:8080/runs/orders@20261207T030000Z/cancel");
        assertThat(api.runRequest("../pipelines/x").uri()).hasToString("http://scheduler.example:8080/runs/..%2Fpipelines%2Fx");
        assertThat(api.runsRequest(Optional.of("orders"), Optional.of("failed"), 50, 10).uri())
                .hasToString("http://scheduler.example:8080/runs?limit=10&offset=50&pipeline=orders&status=failed");
    }

    @Test
    void pauseAndUnpausePostToThePipelinesEndpointsAndARerunNamesTheVersionChoice() throws Exception {
        assertThat(api.pauseRequest("orders eu", true).uri()).hasToString("http://scheduler.example:8080/pipelines/orders%20eu/pause");
        assertThat(api.pauseRequest("orders", false).uri()).hasToString("http://scheduler.example:8080/pipelines/orders/unpause");
        assertThat(api.pauseRequest("orders", true).method()).isEqualTo("POST");
        HttpRequest rerun = api.rerunRequest("orders@20261207T030000Z", true, "ops");
        assertThat(rerun.uri()).hasToString("http://scheduler.example:8080/runs/orders@20261207T030000Z/rerun");
        assertThat(new ObjectMapper().readTree(body(rerun))).isEqualTo(new ObjectMapper().readTree("{\"requestedBy\":\"ops\",\"onCurrentVersion\":true}"));
        assertThat(new ObjectMapper().readTree(body(api.rerunRequest("r", false, "ops")))).isEqualTo(new ObjectMapper().readTree("{\"requestedBy\":\"ops\"}"));
    }

    @Test
    void aUrlThatIsNotHttpIsAUsageError() {
        assertThatThrownBy(() -> new SchedulerApi("localhost:8080")).isInstanceOfSatisfying(CliFailure.class,
                failure -> assertThat(failure.exitCode()).isEqualTo(ExitCodes.INVALID))
                .hasMessageContaining("scheduler URL 'localhost:8080' must be http://host:port");
    }

    @Test
    void aRefusedPipelineListsEveryProblemAndIsInvalidInput() {
        CliFailure failure = SchedulerApi.failure(new SchedulerApi.Answer(422, """
                {"message": "the file is not a valid pipeline",
                 "problems": ["p.yaml:3:5: tasks[0].kind: unknown kind 'extrct'", "p.yaml:9:1: schedule: bad cron"]}"""),
                "deploying p.yaml");

        assertThat(failure.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(failure.getMessage().lines()).containsExactly(
                "deploying p.yaml was refused (HTTP 422): the file is not a valid pipeline",
                "  p.yaml:3:5: tasks[0].kind: unknown kind 'extrct'",
                "  p.yaml:9:1: schedule: bad cron");
    }

    @Test
    void schemaConflictsAreNamedByTaskAndSubject() {
        CliFailure failure = SchedulerApi.failure(new SchedulerApi.Answer(409, """
                {"message": "a target schema is incompatible", "conflicts": [
                  {"task": "clean", "subject": "conveyor.data.p.clean-value", "reasons": ["field x removed", "type changed"]}]}"""),
                "deploying p.yaml");

        assertThat(failure.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(failure.getMessage()).endsWith("  task clean, subject conveyor.data.p.clean-value: field x removed; type changed");
    }

    @Test
    void theStatusDecidesTheExitCode() {
        assertThat(SchedulerApi.failure(new SchedulerApi.Answer(404, ""), "reading run x").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(SchedulerApi.failure(new SchedulerApi.Answer(400, "{}"), "x").exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(SchedulerApi.failure(new SchedulerApi.Answer(503, "{\"message\":\"restoring\"}"), "x").exitCode())
                .isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(SchedulerApi.failure(new SchedulerApi.Answer(502, "<html>bad gateway</html>"), "listing runs").getMessage())
                .isEqualTo("listing runs was refused (HTTP 502): <html>bad gateway</html>");
    }

    @Test
    void anAnswerThatIsNotJsonIsAServerProblem() {
        assertThatThrownBy(() -> new SchedulerApi.Answer(200, "<html>").json("listing pipelines"))
                .isInstanceOfSatisfying(CliFailure.class, failure -> assertThat(failure.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE))
                .hasMessage("listing pipelines: the scheduler answered something that is not JSON: <html>");
    }

    /** The body a request would send, read through its publisher. */
    private static String body(HttpRequest request) throws Exception {
        CompletableFuture<String> body = new CompletableFuture<>();
        StringBuilder text = new StringBuilder();
        request.bodyPublisher().orElseThrow().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                text.append(StandardCharsets.UTF_8.decode(item));
            }

            @Override
            public void onError(Throwable throwable) {
                body.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                body.complete(text.toString());
            }
        });
        return body.get();
    }
}
