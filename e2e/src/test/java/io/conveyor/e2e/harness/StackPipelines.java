package io.conveyor.e2e.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conveyor.control.TriggerAction;
import io.conveyor.control.TriggerEvent;
import io.conveyor.control.RunIds;
import io.conveyor.schemas.TopicNames;
import io.conveyor.serde.avro.ConfluentAvroSerializer;
import io.conveyor.testkit.ConveyorStack;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a user does with Conveyor: deploys a pipeline over the scheduler's REST API, starts runs
 * (over REST or with an Avro trigger event on the trigger topic) and follows them with
 * {@code GET /runs/{runId}}.
 */
public final class StackPipelines {

    private static final Logger LOG = LoggerFactory.getLogger(StackPipelines.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OUTCOMES = Set.of("SUCCEEDED", "SUCCEEDED_WITH_REJECTS", "FAILED", "CANCELLED");

    private final ConveyorStack stack;
    private final TopicNames names;
    private final String schedulerUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public StackPipelines(ConveyorStack stack, TopicNames names, ServiceProcess scheduler) {
        this.stack = stack;
        this.names = names;
        this.schedulerUrl = scheduler.url();
    }

    /** {@code POST /pipelines}; returns the deployed version. */
    public int deploy(String yaml, String file) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(schedulerUrl + "/pipelines?file="
                        + URLEncoder.encode(file, StandardCharsets.UTF_8) + "&deployedBy=e2e"))
                .header("Content-Type", "application/x-yaml")
                .POST(HttpRequest.BodyPublishers.ofString(yaml)));
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IllegalStateException("Deploying " + file + " answered " + response.statusCode() + ": " + response.body());
        }
        return read(response).get("version").asInt();
    }

    /** {@code POST /pipelines/{name}/runs}; returns the run id the API answers with. */
    public String startOverRest(String pipeline, String idempotencyKey) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(schedulerUrl + "/pipelines/" + pipeline + "/runs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"idempotencyKey\": \"" + idempotencyKey
                        + "\", \"requestedBy\": \"e2e\"}")));
        if (response.statusCode() != 202) {
            throw new IllegalStateException("Starting " + pipeline + " answered " + response.statusCode() + ": " + response.body());
        }
        String runId = read(response).get("runId").asText();
        LOG.info("Started run {} over REST", runId);
        return runId;
    }

    /** Produces a START {@link TriggerEvent} (Avro, registry framed) to the trigger topic, as any client may. */
    public String startWithTriggerEvent(String pipeline, String idempotencyKey) {
        TriggerEvent trigger = TriggerEvent.newBuilder().setPipeline(pipeline).setAction(TriggerAction.START)
                .setIdempotencyKey(idempotencyKey).setRequestedBy("e2e").setRequestedAt(Instant.now()).build();
        try (ConfluentAvroSerializer<Object> serializer = new ConfluentAvroSerializer<>();
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.copyOf(stack.clientConfig()), new StringSerializer(),
                     new ByteArraySerializer())) {
            serializer.configure(stack.clientConfig(), false);
            producer.send(new ProducerRecord<>(names.triggers(), pipeline, serializer.serialize(names.triggers(), trigger))).get();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot produce the trigger of " + pipeline + " to " + names.triggers(), e);
        }
        String runId = RunIds.manual(pipeline, idempotencyKey);
        LOG.info("Produced the trigger event of run {} to {}", runId, names.triggers());
        return runId;
    }

    /** An answer of the REST API: its status and JSON body. */
    public record Answer(int status, JsonNode body) {
    }

    /** {@code GET} of a path of the scheduler's REST API (query included). */
    public Answer get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(schedulerUrl + path)).GET());
        return new Answer(response.statusCode(), read(response));
    }

    /** {@code POST} of a JSON body to a path of the scheduler's REST API. */
    public Answer post(String path, String json) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(schedulerUrl + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
        return new Answer(response.statusCode(), read(response));
    }

    /** {@code GET /runs/{runId}}, or null while the run is unknown (404) or the stores are not queryable (503). */
    public JsonNode run(String runId) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(schedulerUrl + "/runs/"
                + URLEncoder.encode(runId, StandardCharsets.UTF_8))).GET());
        if (response.statusCode() == 404 || response.statusCode() == 503) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /runs/" + runId + " answered " + response.statusCode() + ": " + response.body());
        }
        return read(response);
    }

    /** Polls the run until {@code condition} holds for its detail; returns that detail. */
    public JsonNode await(String runId, String what, Duration patience, Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + patience.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = run(runId);
            if (last != null && condition.test(last)) {
                return last;
            }
            if (last != null && OUTCOMES.contains(status(last)) && !condition.test(last)) {
                throw new AssertionError("Run " + runId + " ended before " + what + ": " + last.toPrettyString());
            }
            sleep(250);
        }
        throw new AssertionError("Gave up after " + patience + " waiting for " + what + " of " + runId + "; last detail: "
                + (last == null ? "none" : last.toPrettyString()));
    }

    /** Waits for the run's outcome (any terminal status) and returns its detail. */
    public JsonNode awaitOutcome(String runId, Duration patience) {
        long started = System.nanoTime();
        JsonNode detail = await(runId, "the outcome", patience, run -> OUTCOMES.contains(status(run)));
        LOG.info("Run {} ended {} after {} s (waited)", runId, status(detail), (System.nanoTime() - started) / 1_000_000_000);
        return detail;
    }

    public static String status(JsonNode detail) {
        return detail.at("/run/status").asText();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("The scheduler at " + schedulerUrl + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted talking to the scheduler", e);
        }
    }

    private static JsonNode read(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON: " + response.body(), e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
