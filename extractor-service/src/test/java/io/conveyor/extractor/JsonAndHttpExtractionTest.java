package io.conveyor.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.control.TaskStatusType;
import io.conveyor.deadletter.DeadLetter;
import io.conveyor.extractor.source.http.FakeApi;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(ConveyorStackExtension.class)
class JsonAndHttpExtractionTest {

    @TempDir
    Path dir;

    @Test
    void extractsJsonLinesAJsonArrayAndAPaginatedApi(ConveyorStack stack) throws Exception {
        Path lines = dir.resolve("events.jsonl");
        Files.writeString(lines, "{\"id\":1,\"name\":\"a\"}\n{\"id\":2,\"name\":\n\n{\"id\":3,\"nested\":{\"x\":1}}\n");
        Path array = dir.resolve("events.json");
        Files.writeString(array, "[\n {\"id\": 1},\n 42,\n {\"id\": 2, \"name\": null}\n]");
        ExtractorHarness harness = new ExtractorHarness(stack, "events");
        String fromLines = harness.createOutput("lines", 1);
        String fromArray = harness.createOutput("array", 1);
        String fromApi = harness.createOutput("api", 2);
        try (FakeApi api = new FakeApi(5); ApplicationContext extractor = harness.startExtractor("h")) {
            harness.start("events@m-1", "lines", config("lines", "{type: jsonl, path: \"" + lines + "\"}"));
            harness.start("events@m-1", "array", config("array", "{type: json, path: \"" + array + "\"}"));
            harness.start("events@m-1", "api", config("api", "{type: http, url: \"" + api.url("/pages")
                    + "\", itemsPath: /data, pagination: {type: page, pageParam: page, sizeParam: size, pageSize: 2}}"));
            harness.awaitState("events@m-1", "lines", TaskStatusType.SUCCEEDED);
            harness.awaitState("events@m-1", "array", TaskStatusType.SUCCEEDED);
            harness.awaitState("events@m-1", "api", TaskStatusType.SUCCEEDED);
            assertThat(api.requests()).containsExactly("/pages?page=1&size=2", "/pages?page=2&size=2", "/pages?page=3&size=2",
                    "/pages?page=4&size=2");
        }
        assertThat(values(harness, fromLines, "id")).containsExactly("1", "3");
        assertThat(values(harness, fromLines, "nested")).containsExactly(null, "{\"x\":1}");
        assertThat(values(harness, fromArray, "id")).containsExactly("1", "2");
        assertThat(values(harness, fromApi, "id")).containsExactlyInAnyOrder("1", "2", "3", "4", "5");
        CsvExtractionTest.assertEndMarkers(harness.readAll(fromApi), 2);

        List<DeadLetter> rejects = harness.readAll(harness.names.deadLetters("events")).stream()
                .map(r -> harness.<DeadLetter>decode(harness.names.deadLetters("events"), r.value(), true)).toList();
        assertThat(rejects).extracting(DeadLetter::getSourcePosition)
                .containsExactlyInAnyOrder(lines + ":2", array + ":element 2");
        DeadLetter badLine = rejects.stream().filter(r -> r.getSourcePosition().equals(lines + ":2")).findFirst().orElseThrow();
        assertThat(StandardCharsets.UTF_8.decode(badLine.getOriginalValue()).toString()).isEqualTo("{\"id\":2,\"name\":");
        assertThat(badLine.getExceptionClass()).contains("Json");
    }

    private static String config(String task, String source) {
        return TaskConfigs.canonicalTaskJson("events", """
                  - id: %s
                    kind: extract
                    batchSize: 2
                    source: %s
                """.formatted(task, source));
    }

    private static List<String> values(ExtractorHarness harness, String topic, String field) {
        return harness.readAll(topic).stream().filter(r -> !ExtractorHarness.isEnd(r)).map(ConsumerRecord::value)
                .map(value -> harness.<GenericRecord>decode(topic, value, false))
                .map(record -> record.getSchema().getField(field) == null || record.get(field) == null ? null : record.get(field).toString())
                .toList();
    }
}
