package io.conveyor.pipeline.spec.load;

import static io.conveyor.pipeline.spec.load.Snippets.rules;
import static io.conveyor.pipeline.spec.load.Snippets.sink;
import static io.conveyor.pipeline.spec.load.Snippets.source;
import static io.conveyor.pipeline.spec.load.Snippets.transform;
import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.TaskSettings;
import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.pipeline.spec.TaskWork;
import io.conveyor.pipeline.spec.TriggerRule;
import io.conveyor.pipeline.spec.rule.DuplicateKeep;
import io.conveyor.pipeline.spec.rule.FieldSelection;
import io.conveyor.pipeline.spec.rule.PhoneFormat;
import io.conveyor.pipeline.spec.rule.RuleSpec;
import io.conveyor.pipeline.spec.sink.FileFormat;
import io.conveyor.pipeline.spec.sink.FileSink;
import io.conveyor.pipeline.spec.sink.SinkSpec;
import io.conveyor.pipeline.spec.sink.TableTarget;
import io.conveyor.pipeline.spec.sink.WarehouseSink;
import io.conveyor.pipeline.spec.sink.WriteMode;
import io.conveyor.pipeline.spec.source.CsvSource;
import io.conveyor.pipeline.spec.source.HttpMethod;
import io.conveyor.pipeline.spec.source.HttpSource;
import io.conveyor.pipeline.spec.source.JdbcSource;
import io.conveyor.pipeline.spec.source.JsonLinesSource;
import io.conveyor.pipeline.spec.source.Pagination;
import io.conveyor.pipeline.spec.source.SourceSpec;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.Test;

/** The accepted spellings of values, and the defaults that fill in what is left out. */
class PipelineValuesTest {

    private static PipelineSpec parse(String yaml) throws PipelineValidationException {
        return PipelineLoader.parse(yaml, "orders.yaml");
    }

    private static TaskSpec onlyTask(String yaml) throws PipelineValidationException {
        return parse(yaml).tasks().get(0);
    }

    private static SourceSpec sourceOf(String... lines) throws PipelineValidationException {
        return ((TaskWork.Extract) onlyTask(source(lines)).work()).source();
    }

    private static SinkSpec sinkOf(String... lines) throws PipelineValidationException {
        return ((TaskWork.Load) onlyTask(sink(lines)).work()).sink();
    }

    private static List<RuleSpec> rulesOf(String... lines) throws PipelineValidationException {
        return ((TaskWork.Transform) onlyTask(rules(lines)).work()).rules();
    }

    @Test
    void pipelineDefaults() throws Exception {
        PipelineSpec spec = parse("name: orders\ntasks:\n  - {id: a, kind: sql, sql: select 1}\n");
        assertThat(spec.description()).isEmpty();
        assertThat(spec.schedule()).isEmpty();
        assertThat(spec.timezone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(spec.catchup()).hasToString("NONE");
        assertThat(spec.maxCatchupRuns()).isEqualTo(100);
        assertThat(spec.maxActiveRuns()).isEqualTo(1);
        assertThat(spec.parameters()).isEmpty();
        assertThat(spec.tasks().get(0).settings()).isEqualTo(TaskSettings.DEFAULT);
        assertThat(spec.tasks().get(0).triggerRule()).isEqualTo(TriggerRule.ALL_SUCCESS);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"500ms, PT0.5S", "30s, PT30S", "5m, PT5M", "2h, PT2H", "1d, PT24H",
            "PT1H30M, PT1H30M"})
    void durations(String written, String expected) throws Exception {
        TaskSpec task = onlyTask("name: orders\ntasks:\n  - {id: a, kind: sql, sql: select 1, timeout: " + written + "}\n");
        assertThat(task.settings().timeout()).contains(Duration.parse(expected));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"0.05, 0.05", "5%, 0.05", "'12.5 %', 0.125", "0, 0.0", "1, 1.0"})
    void rejectThresholdIsAFractionOrAPercentage(String written, double expected) throws Exception {
        TaskSpec task = onlyTask("name: orders\ntasks:\n  - {id: a, kind: sql, sql: select 1, rejectThreshold: " + written + "}\n");
        assertThat(task.settings().rejectThreshold()).isEqualTo(expected);
    }

    @Test
    void tasksOverrideDefaultsKeyByKey() throws Exception {
        PipelineSpec spec = parse("""
                name: orders
                defaults: {retries: 3, triggerRule: all_done, batchSize: 1_000}
                tasks:
                  - {id: a, kind: sql, sql: select 1}
                  - {id: b, kind: sql, sql: select 2, retries: 0, dependsOn: [a]}
                """);
        assertThat(spec.tasks()).extracting(task -> task.settings().retry().maxRetries()).containsExactly(3, 0);
        assertThat(spec.tasks()).extracting(TaskSpec::triggerRule).containsOnly(TriggerRule.ALL_DONE);
        assertThat(spec.tasks()).extracting(task -> task.settings().batchSize()).containsOnly(1000);
    }

    @Test
    void csvDefaults() throws Exception {
        assertThat(sourceOf("type: csv", "path: in.csv")).isEqualTo(
                new CsvSource("in.csv", true, ',', '"', Optional.empty(), "UTF-8", false, List.of(), Optional.empty()));
    }

    @Test
    void csvWithoutHeaderTakesColumnsAndCanonicalEncodingNames() throws Exception {
        assertThat(sourceOf("type: csv", "path: in.tsv", "header: no", "delimiter: \"\\t\"", "escape: \"\\\\\"",
                "encoding: latin1", "columns: [id, name]")).isEqualTo(
                new CsvSource("in.tsv", false, '\t', '"', Optional.of('\\'), "ISO-8859-1", false, List.of("id", "name"),
                        Optional.empty()));
    }

    @Test
    void gzipFollowsTheFileNameUnlessGiven() throws Exception {
        assertThat(sourceOf("type: jsonl", "path: in.jsonl.gz")).isEqualTo(new JsonLinesSource("in.jsonl.gz", "UTF-8", true));
        assertThat(sourceOf("type: jsonl", "path: in.jsonl.gz", "gzip: false"))
                .isEqualTo(new JsonLinesSource("in.jsonl.gz", "UTF-8", false));
    }

    @Test
    void jdbcQueryWithDefaults() throws Exception {
        assertThat(sourceOf("type: jdbc", "url: jdbc:h2:mem:crm", "query: select * from customers")).isEqualTo(
                new JdbcSource("jdbc:h2:mem:crm", Optional.empty(), Optional.empty(),
                        new JdbcSource.Query("select * from customers"), Optional.empty(), List.of(), 1000));
    }

    @Test
    void httpDefaults() throws Exception {
        HttpSource source = (HttpSource) sourceOf("type: http", "url: https://example.com/rates");
        assertThat(source.method()).isEqualTo(HttpMethod.GET);
        assertThat(source.headers()).isEmpty();
        assertThat(source.itemsPath()).isEmpty();
        assertThat(source.pagination()).isEqualTo(new Pagination.None());
        assertThat(source.maxPages()).isEmpty();
    }

    @Test
    void paginationDefaults() throws Exception {
        assertThat(((HttpSource) sourceOf("type: http", "url: https://example.com/r", "pagination: {type: offset, pageSize: 50}"))
                .pagination()).isEqualTo(new Pagination.Offset("offset", new Pagination.PageSize("limit", 50)));
        assertThat(((HttpSource) sourceOf("type: http", "url: https://example.com/r", "pagination: {type: page}"))
                .pagination()).isEqualTo(new Pagination.Page("page", Optional.empty()));
        assertThat(((HttpSource) sourceOf("type: http", "url: https://example.com/r", "pagination: {type: link}"))
                .pagination()).isEqualTo(new Pagination.Link(Optional.empty()));
    }

    @Test
    void fileFormatFollowsTheExtensionUnlessGiven() throws Exception {
        assertThat(sinkOf("type: file", "path: out.jsonl.gz")).isEqualTo(new FileSink("out.jsonl.gz", FileFormat.JSONL));
        assertThat(sinkOf("type: file", "path: out.txt")).isEqualTo(new FileSink("out.txt", FileFormat.CSV));
        assertThat(sinkOf("type: file", "path: out.txt", "format: parquet")).isEqualTo(new FileSink("out.txt", FileFormat.PARQUET));
    }

    @Test
    void tableSinkFallsBackToTheTaskKey() throws Exception {
        TaskSpec task = onlyTask("""
                name: orders
                tasks:
                  - id: load
                    kind: load
                    key: [order_id]
                    sink: {type: warehouse, table: orders, mode: upsert}
                """);
        assertThat(((TaskWork.Load) task.work()).sink()).isEqualTo(
                new WarehouseSink(Optional.empty(), new TableTarget("orders", WriteMode.UPSERT, List.of("order_id"))));
    }

    @Test
    void ruleDefaults() throws Exception {
        assertThat(rulesOf("nullTokens: {}", "phone: {field: phone}", "dedupe: {key: [id]}", "custom: {class: a.B}"))
                .containsExactly(
                        new RuleSpec.NullTokens(new FieldSelection.All(), RuleSpec.NullTokens.DEFAULT_TOKENS),
                        new RuleSpec.Phone("phone", "US", PhoneFormat.E164),
                        new RuleSpec.Dedupe(List.of("id"), DuplicateKeep.FIRST),
                        new RuleSpec.Custom("a.B", Map.of()));
    }

    @Test
    void schemaMayBeWrittenAsYaml() throws Exception {
        String json = "'{\"type\": \"record\", \"name\": \"Order\", \"fields\": [{\"name\": \"id\", \"type\": \"long\"},"
                + " {\"name\": \"note\", \"type\": [\"null\", \"string\"], \"default\": null}]}'";
        String yaml = "{type: record, name: Order, fields: [{name: id, type: long},"
                + " {name: note, type: [\"null\", string], default: null}]}";
        assertThat(((TaskWork.Transform) onlyTask(transform("schema: " + yaml)).work()).schema())
                .isPresent()
                .isEqualTo(((TaskWork.Transform) onlyTask(transform("schema: " + json)).work()).schema());
    }
}
