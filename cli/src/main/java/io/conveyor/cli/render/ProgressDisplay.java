package io.conveyor.cli.render;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The live progress of a run: a header line and one line per task with a bar of its input
 * partitions done and its counts. On a terminal the block is redrawn in place (ANSI cursor-up);
 * elsewhere (a pipe, a log file, a test) a new block is printed whenever something changed, so
 * the output reads as a history.
 */
public final class ProgressDisplay {

    static final int BAR_WIDTH = 20;

    private final PrintWriter out;
    private final boolean terminal;
    private List<String> shown = List.of();

    public ProgressDisplay(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Shows the run if any line differs from what is shown; answers whether it printed. */
    public boolean show(RunSnapshot run, Duration elapsed) {
        List<String> tasks = taskLines(run);
        List<String> comparable = new ArrayList<>(tasks);
        comparable.add(0, run.status());
        if (comparable.equals(shown)) {
            return false;
        }
        List<String> block = new ArrayList<>();
        block.add(header(run, elapsed));
        block.addAll(tasks);
        if (terminal && !shown.isEmpty()) {
            // up over the previous block, then overwrite each of its lines
            out.print("\u001b[" + shown.size() + "F");
            block.forEach(line -> out.print("\u001b[2K" + line + System.lineSeparator()));
        } else {
            block.forEach(out::println);
        }
        out.flush();
        shown = comparable;
        return true;
    }

    static String header(RunSnapshot run, Duration elapsed) {
        return String.format("%s  %s  %.1fs", run.runId(), run.status(), elapsed.toMillis() / 1000.0);
    }

    static List<String> taskLines(RunSnapshot run) {
        int idWidth = run.tasks().stream().mapToInt(t -> t.taskId().length()).max().orElse(0);
        int statusWidth = run.tasks().stream().mapToInt(t -> t.status().length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        for (RunSnapshot.TaskLine task : run.tasks()) {
            lines.add(String.format("  %-" + idWidth + "s  %-" + statusWidth + "s  %s  in %,d  out %,d  rejected %,d  dropped %,d",
                    task.taskId(), task.status().toLowerCase(java.util.Locale.ROOT), bar(task),
                    task.recordsIn(), task.recordsOut(), task.recordsRejected(), task.recordsDropped()));
        }
        return lines;
    }

    /**
     * {@code [######--------------] 1/3}: input partitions done of the attempt's partitions. A run
     * does not know how many records a source holds, so partitions are the honest measure; a task
     * that succeeded is full, one not started yet is empty.
     */
    static String bar(RunSnapshot.TaskLine task) {
        int total = task.partitions();
        int done = "SUCCEEDED".equals(task.status()) ? Math.max(total, 1) : task.partitionsDone();
        int of = "SUCCEEDED".equals(task.status()) ? Math.max(total, 1) : total;
        int filled = of == 0 ? 0 : (int) Math.round((double) BAR_WIDTH * Math.min(done, of) / of);
        String partitions = of == 0 ? "-/-" : done + "/" + of;
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] " + partitions;
    }
}
