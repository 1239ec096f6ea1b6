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
import java.util.List;
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
        HttpRequest rerun = api.rerunRequest("orders@20261207T030000Z", true, false, "ops");
        assertThat(rerun.uri()).hasToString("http://scheduler.example:8080/runs/orders@20261207T030000Z/rerun");
        assertThat(new ObjectMapper().readTree(body(rerun))).isEqualTo(new ObjectMapper().readTree("{\"requestedBy\":\"ops\",\"onCurrentVersion\":true}"));
        assertThat(new ObjectMapper().readTree(body(api.rerunRequest("r", false, false, "ops")))).isEqualTo(new ObjectMapper().readTree("{\"requestedBy\":\"ops\"}"));
        assertThat(new ObjectMapper().readTree(body(api.rerunRequest("r", false, true, "ops"))))
                .isEqualTo(new ObjectMapper().readTree("{\"requestedBy\":\"ops\",\"failedOnly\":true}"));
    }

    @Test
    void aDeadLetterPageAsksWithTheFiltersTheCursorAndTheLimitAsEscapedQueryParameters() {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("run", "orders@20261207T030000Z");
        filters.put("stage", "TRANSFORM");
        filters.put("field", "e mail&x=1");
        filters.put("from", "2026-12-07T00:00:00Z");
        filters.put("state", "OPEN");

        HttpRequest request = api.deadLettersRequest("orders eu", filters, Optional.of("0-13"), 200);

        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.uri()).hasToString("http://scheduler.example:8080/pipelines/orders%20eu/dead-letters"
                + "?after=0-13&field=e%20mail%26x%3D1&from=2026-12-07T00%3A00%3A00Z&limit=200&run=orders%4020261207T030000Z"
                + "&stage=TRANSFORM&state=OPEN");
        assertThat(api.deadLettersRequest("orders", Map.of(), Optional.empty(), 50).uri())
                .hasToString("http://scheduler.example:8080/pipelines/orders/dead-letters?limit=50");
    }

    @Test
    void theSummaryAndOneLetterAreReadUnderThePipelinesDeadLettersWithNamesEscaped() {
        assertThat(api.deadLetterSummaryRequest("orders", Map.of("task", "clean")).uri())
                .hasToString("http://scheduler.example:8080/pipelines/orders/dead-letters/summary?task=clean");
        assertThat(api.deadLetterSummaryRequest("orders", Map.of()).uri())
                .hasToString("http://scheduler.example:8080/pipelines/orders/dead-letters/summary");
        assertThat(api.deadLetterRequest("orders", "0-12").uri())
                .hasToString("http://scheduler.example:8080/pipelines/orders/dead-letters/0-12");
        assertThat(api.deadLetterRequest("orders", "../../runs/x").uri())
                .hasToString("http://scheduler.example:8080/pipelines/orders/dead-letters/..%2F..%2Fruns%2Fx");
        assertThat(api.deadLetterRequest("..", "summary").uri())
                .hasToString("http://scheduler.example:8080/pipelines/%2E%2E/dead-letters/summary");
    }

    @Test
    void aReplayPostsTheSelectionWithItsIdsTheFieldsToSetAndTheRequester() throws Exception {
        Map<String, String> selection = new LinkedHashMap<>();
        selection.put("task", "clean");
        selection.put("rule", "regex");
        Map<String, String> set = new LinkedHashMap<>();
        set.put("customer_email", "unknown@example.com");
        set.put("amount", "0");

        HttpRequest request = api.replayRequest("orders", selection, List.of("0-12", "1-3"), set, "cli:ann");

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).hasToString("http://scheduler.example:8080/pipelines/orders/dead-letters/replay");
        assertThat(request.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(new ObjectMapper().readTree(body(request))).isEqualTo(new ObjectMapper().readTree("""
                {"selection": {"task": "clean", "rule": "regex", "ids": ["0-12", "1-3"]},
                 "set": {"customer_email": "unknown@example.com", "amount": "0"},
                 "requestedBy": "cli:ann"}"""));
    }

    @Test
    void aReplayOfEverythingOpenSendsAnEmptySelectionAndNoSet() throws Exception {
        HttpRequest request = api.replayRequest("orders", Map.of(), List.of(), Map.of(), "cli:ann");

        assertThat(new ObjectMapper().readTree(body(request)))
                .isEqualTo(new ObjectMapper().readTree("{\"selection\": {}, \"requestedBy\": \"cli:ann\"}"));
    }

    @Test
    void aDiscardPostsTheSelectionAndTheReason() throws Exception {
        HttpRequest request = api.discardRequest("orders/eu", Map.of("run", "orders@m-1"), List.of("0-12"),
                "test data, \"not real\"", "cli:ann");

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).hasToString("http://scheduler.example:8080/pipelines/orders%2Feu/dead-letters/discard");
        assertThat(new ObjectMapper().readTree(body(request))).isEqualTo(new ObjectMapper().readTree("""
                {"selection": {"run": "orders@m-1", "ids": ["0-12"]}, "reason": "test data, \\"not real\\"",
                 "requestedBy": "cli:ann"}"""));
    }

    @Test
    void aDiscardOfEveryOpenLetterSaysAllInsteadOfSendingAnEmptySelection() throws Exception {
        HttpRequest request = api.discardRequest("orders", Map.of(), List.of(), "test data", "cli:ann");

        assertThat(new ObjectMapper().readTree(body(request))).isEqualTo(new ObjectMapper().readTree(
                "{\"all\": true, \"reason\": \"test data\", \"requestedBy\": \"cli:ann\"}"));
    }

    @Test
    void aReplayWithNothingOpenToReplayIsAConflictTheCallerResolvesAndExits2() {
        CliFailure failure = SchedulerApi.failure(new SchedulerApi.Answer(409,
                "{\"message\": \"no open dead letter matches task=clean\"}"), "replaying dead letters of orders");

        assertThat(failure.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(failure.getMessage())
                .isEqualTo("replaying dead letters of orders was refused (HTTP 409): no open dead letter matches task=clean");
        assertThat(SchedulerApi.failure(new SchedulerApi.Answer(404, "{\"message\": \"no dead letter 0-99\"}"),
                "reading dead letter 0-99 of orders").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
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
