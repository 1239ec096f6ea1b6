package io.conveyor.extractor.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.extractor.TaskConfigs;
import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.pipeline.spec.TaskWork;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractConfigParserTest {

    private final ExtractConfigParser parser = new ExtractConfigParser();

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

    @Test
    void readsEverySourceFromTheTasksCanonicalJson() {
        List<TaskSpec> tasks = TaskConfigs.pipeline("p", TASKS).tasks();

        List<ExtractConfig> configs = tasks.stream().map(task -> parser.parse(task.canonicalJson())).toList();

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
    void refusesATaskThatIsNotAnExtract() {
        TaskSpec load = TaskConfigs.pipeline("p", """
              - id: load
                kind: load
                sink: {type: kafka, topic: out}
            """).tasks().get(0);

        assertThatThrownBy(() -> parser.parse(load.canonicalJson()))
                .isInstanceOf(InvalidTaskConfigException.class).hasMessageContaining("task load is a LOAD task");
    }

    @Test
    void namesWhereABrokenConfigIsBroken() {
        String csv = TaskConfigs.pipeline("p", TASKS).tasks().get(0).canonicalJson();

        assertThatThrownBy(() -> parser.parse(csv.replace("\"delimiter\"", "\"delimiterx\"")))
                .isInstanceOf(InvalidTaskConfigException.class).hasMessageContaining("work.source");
        assertThatThrownBy(() -> parser.parse("not json"))
                .isInstanceOf(InvalidTaskConfigException.class).hasMessageContaining("not JSON");
    }
}
