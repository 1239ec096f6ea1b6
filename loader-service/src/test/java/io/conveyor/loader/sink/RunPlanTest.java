package io.conveyor.loader.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.control.TaskAction;
import io.conveyor.control.TaskCommand;
import io.conveyor.control.TaskKind;
import io.conveyor.dataplane.FileRoots;
import io.conveyor.loader.stream.LoaderSettings;
import io.conveyor.pipeline.spec.TaskSettings;
import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.pipeline.spec.TaskWork;
import io.conveyor.pipeline.spec.TriggerRule;
import io.conveyor.pipeline.spec.sink.FileFormat;
import io.conveyor.pipeline.spec.sink.FileSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunPlanTest {

    @Test
    void aFileSinkOutsideTheLoadersFileRootsIsInvalidNamingThePathAndTheRoots(@TempDir Path directory) throws Exception {
        Path root = Files.createDirectories(directory.resolve("out"));
        FileRoots roots = FileRoots.of(List.of(root.toString()), LoaderSettings.FILE_ROOTS_KEY);
        String outside = root + "/../../../etc/cron.d/evil";

        RunPlan<FileSink> refused = RunPlan.of(command(new FileSink(outside, FileFormat.CSV)), FileSink.class, roots);
        RunPlan<FileSink> allowed = RunPlan.of(command(new FileSink(root.resolve("people-{run}.csv").toString(),
                FileFormat.CSV)), FileSink.class, roots);

        assertThat(refused).isEqualTo(new RunPlan.Invalid<FileSink>("sink file " + outside
                + " is outside the allowed file roots [" + root + "] (conveyor.loader.file-roots)"));
        assertThat(allowed).isInstanceOf(RunPlan.Ready.class);
    }

    private static TaskCommand command(FileSink sink) {
        TaskSpec load = new TaskSpec("load", List.of("clean"), TriggerRule.ALL_SUCCESS, TaskSettings.DEFAULT, List.of(),
                new TaskWork.Load(sink));
        return TaskCommand.newBuilder().setRunId("people@m-1").setPipeline("people").setTaskId("load").setKind(TaskKind.LOAD)
                .setAction(TaskAction.START).setConfig(load.canonicalJson()).setInputTopics(List.of("in"))
                .setIssuedAt(Instant.now()).build();
    }
}
