package io.conveyor.serde.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client of Confluent's Schema Registry REST API (and of Conveyor's own registry, which speaks
 * the same API). Ids are immutable, so schemas by id and ids by (subject, schema) are cached for
 * the client's lifetime; the latest version of a subject is cached for a configurable time.
 * Thread-safe.
 */
public final class SchemaRegistryClient {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> baseUrls;
    private final Optional<String> authorization;
    private final Duration latestTtl;
    private final HttpClient http;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
    private final Map<String, CachedLatest> latestBySubject = new ConcurrentHashMap<>();

    /**
     * @param baseUrls      one or more registry URLs, tried in order until one answers
     * @param basicUserInfo {@code user:password} for HTTP basic authentication, if the registry needs it
     * @param latestTtl     how long the latest version of a subject is cached
     */
    public SchemaRegistryClient(List<String> baseUrls, Optional<String> basicUserInfo, Duration latestTtl) {
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException("At least one schema registry URL is needed");
        }
        this.baseUrls = baseUrls.stream().map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u).toList();
        this.authorization = basicUserInfo.map(info ->
                "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
        this.latestTtl = Objects.requireNonNull(latestTtl, "latestTtl");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    public SchemaRegistryClient(String baseUrl) {
        this(List.of(baseUrl), Optional.empty(), Duration.ofSeconds(30));
    }

    /** Registers the schema under the subject (a no-op answer when it is already there) and answers its id. */
    public int register(String subject, Schema schema) {
        return idsBySubjectSchema.computeIfAbsent(new SubjectSchema(subject, schema), key -> {
            JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", body(schema));
            int id = answer.get("id").asInt();
            schemasById.putIfAbsent(id, schema);
            return id;
        });
    }

    /** The id of a schema already registered under the subject. */
    public int id(String subject, Schema schema) {
        return idsBySubjectSchema.computeIfAbsent(new SubjectSchema(subject, schema), key -> {
            JsonNode answer = send("POST", "/subjects/" + encode(subject), body(schema));
            return answer.get("id").asInt();
        });
    }

    public Schema schema(int id) {
        return schemasById.computeIfAbsent(id, key -> {
            JsonNode answer = send("GET", "/schemas/ids/" + id, null);
            return new Schema.Parser().parse(answer.get("schema").asText());
        });
    }

    public RegisteredSchema latest(String subject) {
        CachedLatest cached = latestBySubject.get(subject);
        if (cached != null && cached.fetchedAt + latestTtl.toNanos() > System.nanoTime()) {
            return cached.schema;
        }
        JsonNode answer = send("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        RegisteredSchema latest = new RegisteredSchema(subject, answer.get("version").asInt(), answer.get("id").asInt(),
                new Schema.Parser().parse(answer.get("schema").asText()));
        schemasById.putIfAbsent(latest.id(), latest.schema());
        latestBySubject.put(subject, new CachedLatest(latest, System.nanoTime()));
        return latest;
    }

    /** The registry's global compatibility level ({@code GET /config}); cheap, so health checks ask it. */
    public String compatibilityLevel() {
        return send("GET", "/config", null).path("compatibilityLevel").asText();
    }

    /** Reasons the schema would be refused under the subject; empty when it would be accepted. */
    public List<String> incompatibilities(String subject, Schema schema) {
        JsonNode answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions?verbose=true", body(schema));
        if (answer.path("is_compatible").asBoolean(false)) {
            return List.of();
        }
        return JSON.convertValue(answer.path("messages"), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    /**
     * Deletes a subject for good, the two steps Confluent's API requires (soft, then {@code permanent=true}),
     * and forgets what is cached of it.
     *
     * @return whether the subject existed
     */
    public boolean deleteSubject(String subject) {
        String path = "/subjects/" + encode(subject);
        boolean existed = true;
        try {
            send("DELETE", path, null);
        } catch (RegistryClientException e) {
            if (e.errorCode() != RegistryClientException.SUBJECT_NOT_FOUND) {
                throw e;
            }
            // Either unknown, or soft-deleted earlier: the permanent delete below tells them apart.
            existed = false;
        }
        try {
            send("DELETE", path + "?permanent=true", null);
            existed = true;
        } catch (RegistryClientException e) {
            if (e.errorCode() != RegistryClientException.SUBJECT_NOT_FOUND) {
                throw e;
            }
        }
        latestBySubject.remove(subject);
        idsBySubjectSchema.keySet().removeIf(key -> key.subject().equals(subject));
        return existed;
    }

    private JsonNode send(String method, String path, String body) {
        RegistryClientException lastFailure = null;
        for (String baseUrl : baseUrls) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", CONTENT_TYPE)
                    .header("Accept", CONTENT_TYPE)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            authorization.ifPresent(value -> request.header("Authorization", value));
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return answer(method, baseUrl + path, response);
            } catch (IOException e) {
                lastFailure = new RegistryClientException("Schema registry at " + baseUrl + " did not answer "
                        + method + " " + path + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryClientException("Interrupted calling the schema registry: " + method + " " + path, e);
            }
        }
        throw lastFailure;
    }

    private static JsonNode answer(String method, String url, HttpResponse<String> response) throws IOException {
        JsonNode json = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        if (response.statusCode() / 100 != 2) {
            throw new RegistryClientException(response.statusCode(), json.path("error_code").asInt(response.statusCode()),
                    "Schema registry refused " + method + " " + url + ": " + json.path("message").asText(response.body()));
        }
        return json;
    }

    private static String body(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private record SubjectSchema(String subject, Schema schema) {
    }

    private record CachedLatest(RegisteredSchema schema, long fetchedAt) {
    }
}
