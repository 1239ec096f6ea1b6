package io.conveyor.launcher.run;

import io.conveyor.deadletter.DeadLetter;
import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.TaskKind;
import io.conveyor.pipeline.spec.TaskSpec;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The summary printed when a run ends: what was read, loaded, rejected and dropped (for a chain of
 * tasks read = loaded + rejected + dropped), how long it took, where to look.
 */
public record RunReport(PipelineSpec pipeline, PipelineRun.Finished run, String deadLetterTopic, List<DeadLetter> sample) {

    public long read() {
        return sum(TaskKind.EXTRACT, true);
    }

    public long loaded() {
        return sum(TaskKind.LOAD, false);
    }

    public long rejected() {
        return run.view().rejected();
    }

    /** Records removed on purpose by any task: duplicates, filtered or dropped by a plug-in. */
    public long dropped() {
        return run.view().dropped();
    }

    private long sum(TaskKind kind, boolean in) {
        Set<String> ids = pipeline.tasks().stream().filter(task -> task.kind() == kind).map(TaskSpec::id)
                .collect(Collectors.toSet());
        return run.view().tasks().stream().filter(task -> ids.contains(task.taskId()))
                .mapToLong(task -> in ? task.recordsIn() : task.recordsOut()).sum();
    }

    public void print(PrintStream out) {
        RunView view = run.view();
        out.println();
        out.printf("Run %s finished: %s%n", view.runId(), view.status());
        out.printf("  rows read      %,12d%n", read());
        out.printf("  rows loaded    %,12d%n", loaded());
        out.printf("  rows rejected  %,12d%s%n", rejected(), rejected() == 0 ? "" : "   -> dead-letter topic " + deadLetterTopic);
        out.printf("  rows dropped   %,12d%s%n", dropped(), dropped() == 0 ? "" : "   (duplicates, filtered)");
        out.printf("  duration       %12.1f s (trigger to finish; %s in the tracker)%n", run.wallMillis() / 1000.0,
                view.duration().map(d -> String.format("%.1f s", d.toMillis() / 1000.0)).orElse("n/a"));
        for (RunView.TaskView task : view.tasks()) {
            out.printf("    %-20s %-24s in %,10d  out %,10d  rejected %,8d  dropped %,8d%s%n", task.taskId(), task.status(),
                    task.recordsIn(), task.recordsOut(), task.recordsRejected(), task.recordsDropped(),
                    task.message().map(m -> "  (" + m + ")").orElse(""));
        }
        if (!sample.isEmpty()) {
            out.println("  first dead letters (stage / rule / field: message):");
            for (DeadLetter letter : sample) {
                out.printf("    %s / %s / %s: %s%n", letter.getStage(), letter.getRule(), letter.getField(), letter.getMessage());
            }
        }
    }
}
