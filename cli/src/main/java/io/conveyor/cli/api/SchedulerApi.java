package io.conveyor.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conveyor.cli.CliFailure;
import io.conveyor.cli.ExitCodes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The scheduler's REST API (docs/scheduler-api.md) as the CLI calls it. Requests are built by
 * {@link #request} and friends without sending anything, so they are tested alone; an answer that is
 * not 2xx becomes a {@link CliFailure} whose exit code says whose problem it is.
 */
public final class SchedulerApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final HttpClient http;
    private final Optional<String> authorization;

    public SchedulerApi(String baseUrl) {
        this(baseUrl, Optional.empty());
    }

    /** @param credentials the {@code Authorization} header every request carries, when the scheduler asks for one */
    public SchedulerApi(String baseUrl, Optional<String> credentials) {
        this.authorization = credentials;
        this.baseUrl = baseUrl(baseUrl);
        // Micronaut's server answers an h2c upgrade request by hanging; plain HTTP/1.1 it is.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The scheduler URL as given, checked: http or https with a host, no trailing slash. */
    static URI baseUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw CliFailure.invalid("scheduler URL '" + url + "' is not a URL: " + e.getMessage());
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw CliFailure.invalid("scheduler URL '" + url + "' must be http://host:port or https://host:port (--url or CONVEYOR_URL)");
        }
        return uri;
    }

    public String url() {
        return baseUrl.toString();
    }

    // ---- requests (built, not sent) ----

    HttpRequest deployRequest(String yaml, String fileName, String deployedBy) {
        return post("/pipelines" + query(Map.of("file", fileName, "deployedBy", deployedBy)), "text/yaml", yaml);
    }

    HttpRequest triggerRequest(String pipeline, Map<String, String> parameters, Optional<String> idempotencyKey,
                               Optional<Integer> priority, String requestedBy) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode params = body.putObject("parameters");
        parameters.forEach(params::put);
        idempotencyKey.ifPresent(key -> body.put("idempotencyKey", key));
        priority.ifPresent(p -> body.put("priority", p));
        body.put("requestedBy", requestedBy);
        return post("/pipelines/" + segment(pipeline) + "/runs", "application/json", body.toString());
    }

    HttpRequest backfillRequest(String pipeline, String from, String to, Map<String, String> parameters,
                                Optional<Integer> priority, boolean force, String requestedBy) {
        ObjectNode body = JSON.createObjectNode().put("from", from).put("to", to);
        if (force) {
            body.put("force", true);
        }
        ObjectNode params = body.putObject("parameters");
        parameters.forEach(params::put);
        priority.ifPresent(p -> body.put("priority", p));
        body.put("requestedBy", requestedBy);
        return post("/pipelines/" + segment(pipeline) + "/backfill", "application/json", body.toString());
    }

    HttpRequest cancelRequest(String runId, String requestedBy) {
        return post("/runs/" + segment(runId) + "/cancel", "application/json",
                JSON.createObjectNode().put("requestedBy", requestedBy).toString());
    }

    /** {@code POST /pipelines/{name}/pause} or {@code /unpause}: no body. */
    HttpRequest pauseRequest(String pipeline, boolean paused) {
        return post("/pipelines/" + segment(pipeline) + (paused ? "/pause" : "/unpause"), "application/json", "");
    }

    HttpRequest rerunRequest(String runId, boolean onCurrentVersion, boolean failedOnly, String requestedBy) {
        ObjectNode body = JSON.createObjectNode().put("requestedBy", requestedBy);
        if (onCurrentVersion) {
            body.put("onCurrentVersion", true);
        }
        if (failedOnly) {
            body.put("failedOnly", true);
        }
        return post("/runs/" + segment(runId) + "/rerun", "application/json", body.toString());
    }

    HttpRequest runsRequest(Optional<String> pipeline, Optional<String> status, int offset, int limit) {
        Map<String, String> parameters = new LinkedHashMap<>();
        pipeline.ifPresent(p -> parameters.put("pipeline", p));
        status.ifPresent(s -> parameters.put("status", s));
        parameters.put("offset", Integer.toString(offset));
        parameters.put("limit", Integer.toString(limit));
        return get("/runs" + query(parameters));
    }

    /**
     * {@code GET /pipelines/{name}/dead-letters}: one page. {@code filters} are the query parameters
     * (run, stage, task, rule, field, state, from, to) as the scheduler names them; {@code after} is
     * the cursor the previous page answered as {@code next}.
     */
    HttpRequest deadLettersRequest(String pipeline, Map<String, String> filters, Optional<String> after, int limit) {
        Map<String, String> parameters = new LinkedHashMap<>(filters);
        after.ifPresent(cursor -> parameters.put("after", cursor));
        parameters.put("limit", Integer.toString(limit));
        return get(deadLetters(pipeline) + query(parameters));
    }

    /** {@code GET /pipelines/{name}/dead-letters/summary}: the same filters, no paging. */
    HttpRequest deadLetterSummaryRequest(String pipeline, Map<String, String> filters) {
        return get(deadLetters(pipeline) + "/summary" + (filters.isEmpty() ? "" : query(filters)));
    }

    HttpRequest deadLetterRequest(String pipeline, String id) {
        return get(deadLetters(pipeline) + "/" + segment(id));
    }

    /**
     * {@code POST /pipelines/{name}/dead-letters/replay}. {@code set} (fields overwritten in every
     * selected letter's payload before it is replayed) is left out when empty, as are the ids.
     */
    HttpRequest replayRequest(String pipeline, Map<String, String> selection, List<String> ids, Map<String, String> set,
                              String requestedBy) {
        ObjectNode body = JSON.createObjectNode();
        body.set("selection", selection(selection, ids));
        if (!set.isEmpty()) {
            ObjectNode fields = body.putObject("set");
            set.forEach(fields::put);
        }
        body.put("requestedBy", requestedBy);
        return post(deadLetters(pipeline) + "/replay", "application/json", body.toString());
    }

    /**
     * {@code POST /pipelines/{name}/dead-letters/discard}: the reason is recorded with every letter discarded.
     * With no filter and no id the request says {@code "all": true}: the scheduler discards every open letter
     * only when asked that way, never for a missing selection.
     */
    HttpRequest discardRequest(String pipeline, Map<String, String> selection, List<String> ids, String reason,
                               String requestedBy) {
        ObjectNode body = JSON.createObjectNode();
        if (selection.isEmpty() && ids.isEmpty()) {
            body.put("all", true);
        } else {
            body.set("selection", selection(selection, ids));
        }
        body.put("reason", reason).put("requestedBy", requestedBy);
        return post(deadLetters(pipeline) + "/discard", "application/json", body.toString());
    }

    private static String deadLetters(String pipeline) {
        return "/pipelines/" + segment(pipeline) + "/dead-letters";
    }

    private static ObjectNode selection(Map<String, String> filters, List<String> ids) {
        ObjectNode selection = JSON.createObjectNode();
        filters.forEach(selection::put);
        if (!ids.isEmpty()) {
            ids.forEach(selection.putArray("ids")::add);
        }
        return selection;
    }

    HttpRequest get(String path) {
        return request(path).header("Accept", "application/json").GET().build();
    }

    private HttpRequest post(String path, String contentType, String body) {
        return request(path).header("Content-Type", contentType).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(baseUrl.getPath() + path)).timeout(TIMEOUT);
        authorization.ifPresent(value -> request.header("Authorization", value));
        return request;
    }

    // ---- calls ----

    /** {@code POST /pipelines}: {name, version, fingerprint, changed}. */
    public JsonNode deploy(String yaml, String fileName, String deployedBy) {
        return call(deployRequest(yaml, fileName, deployedBy), "deploying " + fileName);
    }

    public JsonNode pipelines() {
        return call(get("/pipelines"), "listing pipelines");
    }

    public JsonNode pipeline(String name, int next) {
        return call(get("/pipelines/" + segment(name) + query(Map.of("next", Integer.toString(next)))), "reading pipeline " + name);
    }

    public JsonNode trigger(String pipeline, Map<String, String> parameters, Optional<String> idempotencyKey,
                            Optional<Integer> priority, String requestedBy) {
        return call(triggerRequest(pipeline, parameters, idempotencyKey, priority, requestedBy), "starting a run of " + pipeline);
    }

    public JsonNode backfill(String pipeline, String from, String to, Map<String, String> parameters,
                             Optional<Integer> priority, boolean force, String requestedBy) {
        return call(backfillRequest(pipeline, from, to, parameters, priority, force, requestedBy), "backfilling " + pipeline);
    }

    public JsonNode cancel(String runId, String requestedBy) {
        return call(cancelRequest(runId, requestedBy), "cancelling run " + runId);
    }

    /** {name, version, paused}. */
    public JsonNode pause(String pipeline, boolean paused) {
        return call(pauseRequest(pipeline, paused), (paused ? "pausing " : "unpausing ") + pipeline);
    }

    /** {runId, rerunOf, failedOnly}. */
    public JsonNode rerun(String runId, boolean onCurrentVersion, boolean failedOnly, String requestedBy) {
        return call(rerunRequest(runId, onCurrentVersion, failedOnly, requestedBy), "rerunning " + runId);
    }

    public JsonNode runs(Optional<String> pipeline, Optional<String> status, int offset, int limit) {
        return call(runsRequest(pipeline, status, offset, limit), "listing runs");
    }

    public JsonNode run(String runId) {
        return call(get("/runs/" + segment(runId)), "reading run " + runId);
    }

    /** {pipeline, letters: [...], next}: {@code next} is null on the last page. */
    public JsonNode deadLetters(String pipeline, Map<String, String> filters, Optional<String> after, int limit) {
        return call(deadLettersRequest(pipeline, filters, after, limit), "listing dead letters of " + pipeline);
    }

    /** {pipeline, total, byState, byStage, byTask, byRule, byField}. */
    public JsonNode deadLetterSummary(String pipeline, Map<String, String> filters) {
        return call(deadLetterSummaryRequest(pipeline, filters), "summarising dead letters of " + pipeline);
    }

    public JsonNode deadLetter(String pipeline, String id) {
        return call(deadLetterRequest(pipeline, id), "reading dead letter " + id + " of " + pipeline);
    }

    /** {runId, letters, skipped}; a 409 (nothing open matches) is a refused request like any other. */
    public JsonNode replay(String pipeline, Map<String, String> selection, List<String> ids, Map<String, String> set,
                           String requestedBy) {
        return call(replayRequest(pipeline, selection, ids, set, requestedBy), "replaying dead letters of " + pipeline);
    }

    /** {discarded, skipped}. */
    public JsonNode discard(String pipeline, Map<String, String> selection, List<String> ids, String reason, String requestedBy) {
        return call(discardRequest(pipeline, selection, ids, reason, requestedBy), "discarding dead letters of " + pipeline);
    }

    /** The answer as it came: for callers that treat 404 and 503 as "not yet" (following a run just started). */
    public Answer exchange(HttpRequest request, String what) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.UNAVAILABLE, what + ": cannot reach the scheduler at " + baseUrl + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCodes.UNAVAILABLE, what + " was interrupted", e);
        }
    }

    public HttpRequest runRequest(String runId) {
        return get("/runs/" + segment(runId));
    }

    private JsonNode call(HttpRequest request, String what) {
        Answer answer = exchange(request, what);
        if (answer.status() / 100 != 2) {
            throw failure(answer, what);
        }
        return answer.json(what);
    }

    /** An HTTP status and body. */
    public record Answer(int status, String body) {

        public JsonNode json(String what) {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new CliFailure(ExitCodes.UNAVAILABLE, what + ": the scheduler answered something that is not JSON: "
                        + abbreviate(body));
            }
        }
    }

    /**
     * The scheduler's refusal as one message (its {@code message}, then its {@code problems},
     * {@code conflicts} or {@code alreadyRan}, one a line) and the exit code of its status.
     */
    public static CliFailure failure(Answer answer, String what) {
        int status = answer.status();
        int exit = switch (status) {
            case 404 -> ExitCodes.NOT_FOUND;
            case 401, 403 -> ExitCodes.DENIED;
            case 400, 409, 413, 422 -> ExitCodes.INVALID;
            default -> ExitCodes.UNAVAILABLE;
        };
        StringBuilder message = new StringBuilder(what).append(" was refused (HTTP ").append(status).append(")");
        if (status == 401) {
            message.append(": the scheduler asks for credentials; set ").append(Credentials.TOKEN).append(", or ")
                    .append(Credentials.USER).append(" and ").append(Credentials.PASSWORD);
        } else if (status == 403) {
            message.append(": the signed-in principal's role may not do this");
        }
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            String text = answer.body() == null ? "" : answer.body().strip();
            return new CliFailure(exit, text.isEmpty() ? message.toString() : message + ": " + abbreviate(text));
        }
        if (body.path("message").isTextual()) {
            message.append(": ").append(body.get("message").asText());
        }
        for (JsonNode problem : body.path("problems")) {
            message.append(System.lineSeparator()).append("  ").append(problem.asText());
        }
        for (JsonNode conflict : body.path("conflicts")) {
            message.append(System.lineSeparator()).append("  task ").append(conflict.path("task").asText())
                    .append(", subject ").append(conflict.path("subject").asText()).append(": ");
            StringJoiner reasons = new StringJoiner("; ");
            conflict.path("reasons").forEach(reason -> reasons.add(reason.asText()));
            message.append(reasons);
        }
        // A backfill over fire times that already ran names those runs.
        for (JsonNode ran : body.path("alreadyRan")) {
            message.append(System.lineSeparator()).append("  ").append(ran.path("logicalTime").asText()).append("  ")
                    .append(ran.path("runId").asText()).append("  ").append(ran.path("status").asText());
        }
        // Micronaut's own errors (a bad query value, say) put the detail under _embedded.errors.
        for (JsonNode error : body.path("_embedded").path("errors")) {
            if (error.path("message").isTextual()) {
                message.append(System.lineSeparator()).append("  ").append(error.get("message").asText());
            }
        }
        return new CliFailure(exit, message.toString());
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private static String query(Map<String, String> parameters) {
        StringJoiner query = new StringJoiner("&", "?", "");
        parameters.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> query.add(encode(e.getKey(), false) + "=" + encode(e.getValue(), false)));
        return query.toString();
    }

    /** A path segment: everything outside RFC 3986's unreserved characters (and {@code @ :}, which run ids hold) escaped. */
    static String segment(String value) {
        // "." and ".." would be resolved away as dot-segments; escaped, they stay a name.
        return ".".equals(value) || "..".equals(value) ? value.replace(".", "%2E") : encode(value, true);
    }

    private static String encode(String value, boolean segment) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || (segment && (c == '@' || c == ':'));
            if (unreserved) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
