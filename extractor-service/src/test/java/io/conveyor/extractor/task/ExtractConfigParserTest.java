package io.conveyor.extractor.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.conveyor.extractor.TaskConfigs;
import io.conveyor.pipeline.spec.Password;
import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.pipeline.spec.TaskWork;
import io.conveyor.pipeline.spec.source.CsvSource;
import io.conveyor.pipeline.spec.source.HttpSource;
import io.conveyor.pipeline.spec.source.JdbcSource;
import io.conveyor.pipeline.spec.source.JsonArraySource;
import io.conveyor.pipeline.spec.source.JsonLinesSource;
import io.conveyor.pipeline.spec.source.Pagination;
import io.conveyor.pipeline.spec.source.ParquetSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExtractConfigParserTest {

    /** How the tracker writes a task spec: plain Jackson with the JDK 8 and java.time modules. */
    private static final JsonMapper JACKSON = JsonMapper.builder().addModule(new Jdk8Module()).addModule(new JavaTimeModule())
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS).build();

    private final ExtractConfigParser parser = new ExtractConfigParser(json -> json.path().endsWith(".json"));

    private static final String TASKS = """
              - id: csv
                kind: extract
                batchSize: 250
                rejectThreshold: 10%
                key: [id, region]
                source: {type: csv, path: /in/a.csv.gz, delimiter: ";", escape: "\\\\", nullValue: "-", columns: [id, region]}
              - id: lines
                kind: extract
                source: {type: jsonl, path: /in/a.jsonl, encoding: ISO-8859-1}
              - id: array
                kind: extract
                source: {type: json, path: /in/a.json}
              - id: parquet
                kind: extract
                source: {type: parquet, path: /in/a.parquet}
              - id: jdbc
                kind: extract
                source: {type: jdbc, url: "jdbc:postgresql://db/crm", user: etl, passwordEnv: PW, table: customers,
                         watermarkColumn: updated_at, keyColumns: [id], fetchSize: 50}
              - id: query
                kind: extract
                source: {type: jdbc, url: "jdbc:postgresql://db/crm", password: secret, query: "SELECT 1 AS x"}
              - id: cursor
                kind: extract
                source: {type: http, url: "https://api/x", method: POST, headers: {A: b}, itemsPath: /data,
                         pagination: {type: cursor, cursorParam: after, cursorPath: /next, sizeParam: n, pageSize: 5}, maxPages: 3}
              - id: link
                kind: extract
                source: {type: http, url: "https://api/x", pagination: {type: link}}
              - id: offset
                kind: extract
                source: {type: http, url: "https://api/x", pagination: {type: offset, pageSize: 10}}
              - id: single
                kind: extract
                source: {type: http, url: "https://api/x"}
            """;

    @ParameterizedTest
    @ValueSource(strings = {"jackson", "canonical"})
    void readsEverySourceFromBothJsonFormsOfTheTaskSpec(String form) throws Exception {
        List<TaskSpec> tasks = TaskConfigs.pipeline("p", TASKS).tasks();
        List<ExtractConfig> configs = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            String json = form.equals("jackson") ? JACKSON.writeValueAsString(tasks.get(i))
                    : JsonMapper.builder().build().readTree(TaskConfigs.pipeline("p", TASKS).canonicalJson()).get("tasks").get(i).toString();
            configs.add(parser.parse(json));
        }
        for (int i = 0; i < tasks.size(); i++) {
            assertThat(configs.get(i).source()).as(tasks.get(i).id()).isEqualTo(((TaskWork.Extract) tasks.get(i).work()).source());
        }
        assertThat(configs.get(0).key()).containsExactly("id", "region");
        assertThat(configs.get(0).batchSize()).isEqualTo(250);
        assertThat(configs.get(0).rejectThreshold()).isEqualTo(0.1);
        assertThat(configs.get(1).batchSize()).isEqualTo(1000);
        assertThat(configs.get(1).rejectThreshold()).isEqualTo(1.0);
    }

    @Test
    void readsABareSourceWithAYamlTypeName() {
        ExtractConfig config = parser.parse("{\"source\": {\"type\": \"parquet\", \"path\": \"/x.parquet\"}}");
        assertThat(config.source()).isEqualTo(new ParquetSource("/x.parquet"));
    }

    @Test
    void tellsJsonLinesFromAJsonArrayByTheFileWhenTheJsonDoesNotSay() {
        assertThat(parser.parse("{\"path\": \"/a.json\", \"encoding\": \"UTF-8\", \"gzip\": false}").source())
                .isEqualTo(new JsonArraySource("/a.json", "UTF-8", false));
        assertThat(parser.parse("{\"path\": \"/a.jsonl\", \"encoding\": \"UTF-8\", \"gzip\": false}").source())
                .isEqualTo(new JsonLinesSource("/a.jsonl", "UTF-8", false));
    }

    @Test
    void namesTheFieldThatIsWrong() {
        assertThatThrownBy(() -> parser.parse("{\"work\": {\"source\": {\"@type\": \"CsvSource\"}}}"))
                .isInstanceOf(InvalidTaskConfigException.class).hasMessage("config.work.source.path is missing");
        assertThatThrownBy(() -> parser.parse("{\"work\": {\"source\": {\"type\": \"csv\", \"path\": \"/a\", \"delimiter\": \";;\"}}}"))
                .isInstanceOf(InvalidTaskConfigException.class).hasMessageContaining("config.work.source.delimiter must be a single character");
        assertThatThrownBy(() -> parser.parse("[1]")).isInstanceOf(InvalidTaskConfigException.class);
        assertThatThrownBy(() -> parser.parse("{\"type\": \"ftp\"}")).hasMessageContaining("unknown source type 'ftp'");
    }

    @Test
    void keepsOptionalPartsOfTheSpec() {
        JdbcSource jdbc = (JdbcSource) parser.parse("""
                {"source": {"type": "jdbc", "url": "jdbc:postgresql://h/d", "password": {"variable": "PW"},
                 "relation": {"sql": "SELECT 1"}, "keyColumns": ["a"], "watermarkColumn": null}}""").source();
        assertThat(jdbc.password()).contains(new Password.FromEnv("PW"));
        assertThat(jdbc.relation()).isEqualTo(new JdbcSource.Query("SELECT 1"));
        assertThat(jdbc.incremental()).isFalse();
        HttpSource http = (HttpSource) parser.parse("""
                {"source": {"type": "http", "url": "http://h/x", "pagination": {"pageParam": "p", "pageSize": null}}}""").source();
        assertThat(http.pagination()).isEqualTo(new Pagination.Page("p", Optional.empty()));
        CsvSource csv = (CsvSource) parser.parse("{\"source\": {\"type\": \"csv\", \"path\": \"/a\", \"escape\": null}}").source();
        assertThat(csv.escape()).isEmpty();
        assertThat(csv.header()).isTrue();
    }
}
