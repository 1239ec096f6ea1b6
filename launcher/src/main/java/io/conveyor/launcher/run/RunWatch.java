package io.conveyor.launcher.run;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Follows a run through the scheduler's API until it finishes, printing a progress line whenever
 * a task's state or counts change. There is no deadline: a run ends by succeeding, failing (its
 * task timeouts and retries are the pipeline's business) or being cancelled.
 */
public final class RunWatch {

    private static final Duration POLL = Duration.ofMillis(500);

    private final SchedulerClient scheduler;
    private final PrintStream out;
    private final Clock clock;

    public RunWatch(SchedulerClient scheduler, PrintStream out, Clock clock) {
        this.scheduler = scheduler;
        this.out = out;
        this.clock = clock;
    }

    public RunView await(String runId) throws InterruptedException {
        Instant since = clock.instant();
        String shown = "";
        while (true) {
            Optional<RunView> view = scheduler.run(runId);
            if (view.isPresent()) {
                String line = progressLine(view.get());
                if (!line.equals(shown)) {
                    out.printf("  %6.1fs  %s%n", Duration.between(since, clock.instant()).toMillis() / 1000.0, line);
                    out.flush();
                    shown = line;
                }
                if (view.get().finished()) {
                    return view.get();
                }
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    static String progressLine(RunView run) {
        return run.tasks().stream().map(RunWatch::task).collect(Collectors.joining(" | ", run.status() + "  ", ""));
    }

    private static String task(RunView.TaskView task) {
        String line = task.taskId() + " " + task.status().toLowerCase();
        if (task.recordsIn() + task.recordsOut() + task.recordsRejected() + task.recordsDropped() == 0) {
            return line;
        }
        return String.format("%s in %,d out %,d rejected %,d dropped %,d", line, task.recordsIn(), task.recordsOut(),
                task.recordsRejected(), task.recordsDropped());
    }
}
