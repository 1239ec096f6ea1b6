package io.conveyor.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.control.RunEvent;
import io.conveyor.control.RunEventType;
import io.conveyor.control.TaskAction;
import io.conveyor.control.TaskCommand;
import io.conveyor.control.TaskKind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunDirectoryTest {

    private final RunDirectory directory = new RunDirectory();

    @Test
    void aRunWithoutCommandIsUnknownAndAStartedOneActive() {
        assertThat(directory.state("p@1", "clean")).isEqualTo(RunLookup.Unknown.INSTANCE);

        directory.accept(command("p@1", 1, TaskAction.START));

        assertThat(directory.state("p@1", "clean")).isInstanceOf(RunLookup.Active.class);
        assertThat(directory.state("p@1", "load")).isEqualTo(RunLookup.Unknown.INSTANCE);
    }

    @Test
    void aCancelOrAnEndedRunFinishesIt() {
        directory.accept(command("p@1", 1, TaskAction.START));
        directory.accept(command("p@1", 1, TaskAction.CANCEL));
        directory.accept(command("p@2", 1, TaskAction.START));
        directory.accept(RunEvent.newBuilder().setRunId("p@2").setPipeline("p").setType(RunEventType.FAILED)
                .setLogicalTime(Instant.EPOCH).setTime(Instant.EPOCH).build());

        assertThat(directory.state("p@1", "clean")).isInstanceOf(RunLookup.Finished.class);
        assertThat(directory.state("p@2", "clean")).isInstanceOf(RunLookup.Finished.class);
    }

    @Test
    void aStaleAttemptDoesNotReplaceALaterOne() {
        directory.accept(command("p@1", 2, TaskAction.START));
        directory.accept(command("p@1", 1, TaskAction.CANCEL));

        assertThat(((RunLookup.Active) directory.state("p@1", "clean")).command().getAttempt()).isEqualTo(2);
    }

    private static TaskCommand command(String runId, int attempt, TaskAction action) {
        return TaskCommand.newBuilder().setRunId(runId).setPipeline("p").setTaskId("clean").setKind(TaskKind.TRANSFORM)
                .setAttempt(attempt).setAction(action).setIssuedAt(Instant.EPOCH).build();
    }
}
