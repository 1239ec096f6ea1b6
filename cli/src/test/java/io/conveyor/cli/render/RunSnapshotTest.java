package io.conveyor.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RunSnapshotTest {

    @Test
    void readsTheRunDetailOfTheSchedulerWithPartitionsDoneAndCounts() throws Exception {
        String detail = """
                {"run": {"runId": "p@m-1", "pipeline": "p", "status": "SUCCEEDED_WITH_REJECTS"},
                 "parameters": {}, "failedTasks": [],
                 "tasks": [{"task": {"taskId": "extract", "status": "SUCCEEDED", "attempt": 1,
                                     "counts": {"recordsIn": 10, "recordsOut": 10, "recordsRejected": 0, "recordsDropped": 0}},
                            "partitions": {"attempt": 1, "partitions": 3, "done": {"0": {}, "2": {}}}},
                           {"task": {"taskId": "clean", "status": "FAILED", "attempt": 2, "message": "boom",
                                     "counts": {"recordsIn": 10, "recordsOut": 7, "recordsRejected": 2, "recordsDropped": 1}}}]}
                """;

        RunSnapshot run = RunSnapshot.of(new ObjectMapper().readTree(detail));

        assertThat(run.finished()).isTrue();
        assertThat(run.succeeded()).isTrue();
        assertThat(run.tasks()).extracting(RunSnapshot.TaskLine::taskId, RunSnapshot.TaskLine::partitionsDone,
                RunSnapshot.TaskLine::partitions, RunSnapshot.TaskLine::recordsRejected, RunSnapshot.TaskLine::recordsDropped)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("extract", 2, 3, 0L, 0L),
                        org.assertj.core.groups.Tuple.tuple("clean", 0, 0, 2L, 1L));
        assertThat(run.tasks().get(1).message()).contains("boom");
    }
}
