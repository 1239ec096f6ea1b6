package io.conveyor.pipeline.spec.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.load.PipelineLoader;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each case breaks the canonical JSON of {@code orders.yaml} in one place. Its tasks: 0 csv extract,
 * 1 jdbc extract, 2 http extract, 3 transform, 4 postgres load (upsert), 5 file load, 6 sql.
 */
class CanonicalJsonErrorsTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    static Stream<Arguments> brokenDocuments() {
        return Stream.of(
                broken("tasks[4].work.sink.target.mode", "missing", "/tasks/4/work/sink/target", "mode", null),
                broken("tasks[4].work.sink.target.mode", "unknown value \"merge\" (expected one of append, upsert, replace)",
                        "/tasks/4/work/sink/target", "mode", "\"merge\""),
                broken("tasks[4].work.sink.@type", "unknown type 'S3Sink' (expected one of FileSink, KafkaSink, "
                        + "PostgresSink, WarehouseSink)", "/tasks/4/work/sink", "@type", "\"S3Sink\""),
                broken("tasks[2].work.source.pagination.@type", "missing", "/tasks/2/work/source/pagination", "@type", null),
                broken("tasks[0].settings.batchSize", "expected an integer in the int range but was \"5000\"",
                        "/tasks/0/settings", "batchSize", "\"5000\""),
                broken("tasks[0].settings.batchSize", "expected an integer in the int range but was 5000.5",
                        "/tasks/0/settings", "batchSize", "5000.5"),
                broken("tasks[0].settings.batchSize", "expected an integer in the int range but was 3000000000",
                        "/tasks/0/settings", "batchSize", "3000000000"),
                broken("tasks[0].settings", "batchSize out of range: 0", "/tasks/0/settings", "batchSize", "0"),
                broken("tasks[0].settings.retry.backoff", "not a valid ISO-8601 duration: \"30s\"",
                        "/tasks/0/settings/retry", "backoff", "\"30s\""),
                broken("tasks[0].work.source.delimiter", "expected a single character but was \";;\"",
                        "/tasks/0/work/source", "delimiter", "\";;\""),
                broken("tasks[1].work.source.fetchsize", "unknown member", "/tasks/1/work/source", "fetchsize", "10"),
                broken("tasks[1].work.source.password.variable", "expected a string but was null",
                        "/tasks/1/work/source/password", "variable", "null"),
                broken("tasks[3].work.rules[4].type", "unknown value \"float\" (expected one of string, int, long, double, "
                        + "boolean, date, timestamp)", "/tasks/3/work/rules/4", "type", "\"float\""),
                broken("tasks[3].work.rules[5].type", "invalid decimal(39,2)", "/tasks/3/work/rules/5/type", "precision", "39"),
                broken("tasks[3].work.rules", "expected an array but was an object", "/tasks/3/work", "rules", "{}"),
                broken("parameters.region", "expected a string but was 1", "/parameters", "region", "1"),
                broken("schedule", "not a valid cron schedule: \"61 * * * *\"", "", "schedule", "\"61 * * * *\""),
                broken("timezone", "not a valid zone id: \"Mars/Olympus\"", "", "timezone", "\"Mars/Olympus\""),
                broken("catchup", "unknown value \"ALL\"", "", "catchup", "\"ALL\""),
                broken("", "duplicate task id extract-orders", "/tasks/1", "id", "\"extract-orders\""),
                broken("", "dependency cycle", "/tasks/0", "dependsOn", "[\"refresh-report\"]"),
                broken("tasks[4].work.sink.target", "upsert into orders needs key fields", "/tasks/4/work/sink/target",
                        "key", "[]"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("brokenDocuments")
    void namesThePathOfTheProblem(String path, String reason, String json) {
        CanonicalJsonException error = readFails(json);

        assertThat(error.path()).isEqualTo(path);
        assertThat(error.reason()).startsWith(reason);
        assertThat(error).hasMessageContaining(path).hasMessageContaining(reason);
    }

    @Test
    void refusesTextThatIsNotJson() {
        assertThat(readFails("{\"name\": ").reason()).startsWith("not JSON");
        assertThat(readFails("{} {}").reason()).startsWith("not JSON");
        assertThat(readFails("{\"name\": \"a\", \"name\": \"b\"}").reason()).startsWith("not JSON").contains("name");
    }

    @Test
    void refusesADocumentThatIsNotAnObject() {
        CanonicalJsonException error = readFails("[]");

        assertThat(error.path()).isEmpty();
        assertThat(error).hasMessage("canonical pipeline JSON, top level: expected an object but was an array");
    }

    @Test
    void quotesMapKeysThatWouldMakeThePathAmbiguous() throws Exception {
        String json = mutate("/parameters", "a.b \"c\"", "false");

        assertThat(readFails(json).path()).isEqualTo("parameters[\"a.b \\\"c\\\"\"]");
    }

    private static Arguments broken(String path, String reason, String parent, String member, String replacement) {
        try {
            return Arguments.of(path, reason, mutate(parent, member, replacement));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the case for " + path, e);
        }
    }

    /** The orders example with {@code member} of the object at the JSON pointer {@code parent} replaced, or removed if null. */
    private static String mutate(String parent, String member, String replacement) throws Exception {
        JsonNode tree = MAPPER.readTree(PipelineLoader.load(Path.of("src/test/resources/pipelines/orders.yaml")).canonicalJson());
        ObjectNode object = (ObjectNode) tree.at(parent);
        if (replacement == null) {
            object.remove(member);
        } else {
            object.set(member, MAPPER.readTree(replacement));
        }
        return MAPPER.writeValueAsString(tree);
    }

    private static CanonicalJsonException readFails(String json) {
        CanonicalJsonException error = catchThrowableOfType(() -> PipelineSpec.fromCanonicalJson(json),
                CanonicalJsonException.class);
        assertThat(error).as("reading %s", json).isNotNull();
        return error;
    }
}
