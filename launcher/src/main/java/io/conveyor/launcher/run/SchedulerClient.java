package io.conveyor.launcher.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The scheduler's REST API as the launcher uses it: deploy a pipeline, start a run, read a run. */
public final class SchedulerClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String baseUrl;
    private final ObjectMapper json = new ObjectMapper();
    // Micronaut's server answers an h2c upgrade request by hanging; plain HTTP/1.1 it is.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    public SchedulerClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Deploys the YAML and answers the pipeline's name; a refused pipeline throws with the scheduler's problems. */
    public String deploy(String yaml, String fileName) {
        JsonNode answer = send(HttpRequest.newBuilder(uri("/pipelines?deployedBy=conveyor-local&file=" + fileName))
                .header("Content-Type", "text/yaml").POST(HttpRequest.BodyPublishers.ofString(yaml)), "deploying " + fileName);
        return answer.get("name").asText();
    }

    /** Starts a manual run and answers its run id. */
    public String trigger(String pipeline, Map<String, String> parameters) {
        ObjectNode body = json.createObjectNode().put("requestedBy", "conveyor-local");
        parameters.forEach(body.putObject("parameters")::put);
        JsonNode answer = send(HttpRequest.newBuilder(uri("/pipelines/" + pipeline + "/runs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())),
                "starting a run of " + pipeline);
        return answer.get("runId").asText();
    }

    /**
     * The run's detail, or empty while the tracker does not know the run yet.
     *
     * @throws TrackerUnavailableException while the tracker cannot answer queries (HTTP 503)
     */
    public Optional<RunView> run(String runId) {
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(uri("/runs/" + runId)).GET(), "reading run " + runId);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() == 503) {
            throw new TrackerUnavailableException(message(response.body()));
        }
        return Optional.of(RunView.of(parse(checked(response, "reading run " + runId))));
    }

    public String runUrl(String runId) {
        return baseUrl + "/runs/" + runId;
    }

    private JsonNode send(HttpRequest.Builder request, String what) {
        return parse(checked(exchange(request, what), what));
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request, String what) {
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SchedulerCallException(what + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchedulerCallException(what + " was interrupted", e);
        }
    }

    private static String checked(HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new SchedulerCallException(what + " was refused (HTTP " + response.statusCode() + "): " + response.body());
        }
        return response.body();
    }

    /** The {@code message} of an error body, or the body as it is. */
    private String message(String body) {
        try {
            JsonNode message = json.readTree(body).get("message");
            return message != null && message.isTextual() ? message.asText() : body;
        } catch (IOException e) {
            return body;
        }
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new SchedulerCallException("the scheduler answered something that is not JSON: " + body, e);
        }
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }
}
