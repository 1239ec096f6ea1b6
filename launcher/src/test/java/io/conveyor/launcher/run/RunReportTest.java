package io.conveyor.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.conveyor.pipeline.spec.load.PipelineLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary and progress lines show every count, so read = loaded + rejected + dropped can be checked by eye. */
class RunReportTest {

    private static final String PIPELINE = """
            name: orders
            tasks:
              - id: extract
                kind: extract
                source: {type: csv, path: /data/orders.csv}
              - id: clean
                kind: transform
                dependsOn: [extract]
                rules:
                  - dedupe: {key: [id]}
              - id: load
                kind: load
                dependsOn: [clean]
                sink: {type: file, path: /data/out.csv}
            """;

    /** What {@code GET /runs/{id}} answers, shortened to what the launcher reads. */
    private static final String DETAIL = """
            {"run": {"runId": "orders@m-1", "status": "SUCCEEDED_WITH_REJECTS",
                     "startedAt": "2026-01-01T00:00:00Z", "finishedAt": "2026-01-01T00:00:02Z"},
             "tasks": [
              {"task": {"taskId": "extract", "status": "SUCCEEDED",
                "counts": {"recordsIn": 100, "recordsOut": 98, "recordsRejected": 2, "recordsDropped": 0}}},
              {"task": {"taskId": "clean", "status": "SUCCEEDED",
                "counts": {"recordsIn": 98, "recordsOut": 83, "recordsRejected": 3, "recordsDropped": 12}}},
              {"task": {"taskId": "load", "status": "SUCCEEDED",
                "counts": {"recordsIn": 83, "recordsOut": 82, "recordsRejected": 1, "recordsDropped": 0}}}]}
            """;

    @Test
    void theSummaryShowsDroppedRowsSoItsCountsAddUp() throws Exception {
        RunView view = RunView.of(JsonMapper.builder().build().readTree(DETAIL));
        RunReport report = new RunReport(PipelineLoader.parse(PIPELINE, "orders.yaml"),
                new PipelineRun.Finished("orders", view, 2100), "conveyor.dlq.orders", List.of());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).contains(
                "  rows read               100",
                "  rows loaded              82",
                "  rows rejected             6   -> dead-letter topic conveyor.dlq.orders",
                "  rows dropped             12   (duplicates, filtered)");
        assertThat(report.read()).isEqualTo(report.loaded() + report.rejected() + report.dropped());
        assertThat(lines).anyMatch(line -> line.matches(
                "\\s+clean\\s+SUCCEEDED\\s+in\\s+98\\s+out\\s+83\\s+rejected\\s+3\\s+dropped\\s+12"));
    }

    @Test
    void progressLinesShowDroppedRecords() throws Exception {
        RunView view = RunView.of(JsonMapper.builder().build().readTree(DETAIL));

        assertThat(RunWatch.progressLine(view)).contains("clean succeeded in 98 out 83 rejected 3 dropped 12");
    }
}
