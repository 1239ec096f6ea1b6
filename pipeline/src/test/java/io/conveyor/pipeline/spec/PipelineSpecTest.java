package io.conveyor.pipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.pipeline.spec.load.PipelineLoader;
import io.conveyor.pipeline.spec.load.PipelineValidationException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PipelineSpecTest {

    private static PipelineSpec parse(String yaml) throws PipelineValidationException {
        return PipelineLoader.parse(yaml, "test.yaml");
    }

    private static TaskSpec sql(String id, String... dependsOn) {
        return new TaskSpec(id, List.of(dependsOn), TriggerRule.ALL_SUCCESS, TaskSettings.DEFAULT, List.of(),
                new TaskWork.Sql("select 1"));
    }

    private static PipelineSpec pipeline(TaskSpec... tasks) {
        return new PipelineSpec("p", Optional.empty(), Optional.empty(), ZoneId.of("UTC"), CatchupPolicy.NONE, 100, 1,
                Map.of(), List.of(tasks), Optional.empty());
    }

    @Test
    void canonicalJsonHasSortedKeysTypeTagsAndDefaultsApplied() throws Exception {
        assertThat(parse("name: tiny\ntasks:\n  - {id: a, kind: sql, sql: select 1}\n").canonicalJson()).isEqualTo(
                "{\"catchup\":\"none\",\"maxActiveRuns\":1,\"maxCatchupRuns\":100,\"name\":\"tiny\",\"parameters\":{},"
                        + "\"tasks\":[{\"dependsOn\":[],\"id\":\"a\",\"key\":[],\"settings\":{\"batchSize\":1000,"
                        + "\"priority\":0,\"rejectThreshold\":1.0,\"retry\":{\"backoff\":\"PT10S\",\"maxBackoff\":\"PT10M\","
                        + "\"maxRetries\":0}},\"triggerRule\":\"all_success\",\"work\":{\"@type\":\"Sql\",\"statement\":"
                        + "\"select 1\"}}],\"timezone\":\"UTC\"}");
    }

    @Test
    void fingerprintIgnoresHowTheYamlIsWritten() throws Exception {
        PipelineSpec terse = parse("""
                name: orders
                schedule: 0 2 * * *
                parameters: {b: "2", a: "1"}
                tasks:
                  - {id: extract, kind: extract, source: {type: csv, path: in.csv}}
                  - {id: clean, kind: transform, dependsOn: [extract], rules: [{trim: "*"}], rejectThreshold: 5%}
                """);
        PipelineSpec verbose = parse("""
                # the same pipeline, spelled out
                tasks:
                  - id: extract
                    kind: extract
                    batchSize: 1000
                    source:
                      path: in.csv
                      type: csv
                      header: true
                      delimiter: ","
                  - kind: transform
                    id: clean
                    dependsOn:
                      - extract
                    rejectThreshold: 0.05
                    rules:
                      - trim: '*'
                timezone: UTC
                catchup: none
                parameters:
                  a: 1
                  b: 2
                schedule: "0 2 * * *"
                name: orders
                """);
        assertThat(verbose).isEqualTo(terse);
        assertThat(verbose.fingerprint()).isEqualTo(terse.fingerprint());
    }

    @Test
    void fingerprintChangesWithAnySetting() throws Exception {
        String yaml = "name: orders\ntasks:\n  - {id: a, kind: sql, sql: select 1, retries: %d}\n";
        assertThat(parse(yaml.formatted(1)).fingerprint()).isNotEqualTo(parse(yaml.formatted(2)).fingerprint());
    }

    @Test
    void variantsOfSealedTypesAreTaggedSoTheyCannotCollide() throws Exception {
        String json = parse("""
                name: orders
                tasks:
                  - {id: a, kind: extract, source: {type: json, path: in.json}}
                  - {id: b, kind: extract, source: {type: jsonl, path: in.json}}
                """).canonicalJson();
        assertThat(json).contains("{\"@type\":\"JsonArraySource\",\"encoding\":\"UTF-8\",\"gzip\":false,\"path\":\"in.json\"}")
                .contains("{\"@type\":\"JsonLinesSource\",\"encoding\":\"UTF-8\",\"gzip\":false,\"path\":\"in.json\"}");
    }

    @Test
    void topologicalOrderFollowsDependenciesNotDeclarationOrder() {
        PipelineSpec spec = pipeline(sql("load", "transform"), sql("transform", "extract"), sql("extract"));
        assertThat(spec.topologicalOrder()).extracting(TaskSpec::id).containsExactly("extract", "transform", "load");
        assertThat(spec.task("transform")).map(TaskSpec::dependsOn).contains(List.of("extract"));
        assertThat(spec.task("missing")).isEmpty();
    }

    @Test
    void refusesGraphsTheLoaderWouldRefuse() {
        assertThatThrownBy(() -> pipeline(sql("a", "b"), sql("b", "a"))).hasMessage("dependency cycle: a -> b -> a");
        assertThatThrownBy(() -> pipeline(sql("a"), sql("a"))).hasMessage("duplicate task id a");
        assertThatThrownBy(() -> pipeline(sql("a", "x"))).hasMessage("task a depends on unknown task x");
    }
}
