package io.conveyor.registry.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conveyor.registry.core.RegistryException;
import io.conveyor.registry.core.SchemaRegistry.SchemaRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

/** Request and response bodies in the JSON shapes of Confluent's REST API. */
final class RegistryJson {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    /** The unversioned media type older Confluent clients send. */
    static final String CONTENT_TYPE_V0 = "application/vnd.schemaregistry+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryJson() {
    }

    static SchemaRequest schemaRequest(String body) {
        JsonNode node = read(body);
        JsonNode references = node.path("references");
        return new SchemaRequest(node.path("schema").isTextual() ? node.get("schema").asText() : null,
                node.hasNonNull("schemaType") ? node.get("schemaType").asText() : null,
                references.isArray() && !references.isEmpty());
    }

    static String compatibility(String body) {
        JsonNode node = read(body);
        if (!node.hasNonNull("compatibility")) {
            throw RegistryException.invalidCompatibilityLevel("missing 'compatibility'");
        }
        return node.get("compatibility").asText();
    }

    static MutableHttpResponse<String> ok(Object body) {
        return HttpResponse.ok(write(body)).contentType(CONTENT_TYPE);
    }

    static MutableHttpResponse<String> error(RegistryException e) {
        return HttpResponse.<String>status(HttpStatus.valueOf(e.httpStatus()))
                .body(write(new ErrorBody(e.errorCode(), e.getMessage()))).contentType(CONTENT_TYPE);
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw RegistryException.badRequest("Unreadable JSON body: " + e.getOriginalMessage());
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a registry response", e);
        }
    }

    /** Jackson names the components after the JSON fields Confluent clients read. */
    record ErrorBody(@com.fasterxml.jackson.annotation.JsonProperty("error_code") int errorCode, String message) {
    }
}
