package io.conveyor.launcher.run;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Follows a run through the scheduler's API until it finishes, printing a progress line whenever
 * a task's state or counts change. There is no deadline for the run: it ends by succeeding,
 * failing (its task timeouts and retries are the pipeline's business) or being cancelled. There is
 * one for the tracker: it may be unable to answer (HTTP 503) for a while after a restart, while it
 * rejoins its consumer group and restores its state, but not for longer than {@link #TRACKER_WAIT}.
 */
public final class RunWatch {

    /** How long the tracker may answer 503 in a row before the watch gives up. */
    static final Duration TRACKER_WAIT = Duration.ofSeconds(60);
    static final String WAITING = "waiting for the run tracker (restoring its state after a restart)...";

    private static final Duration POLL = Duration.ofMillis(500);

    /** Where the watch reads the run: the scheduler's {@code GET /runs/{runId}}. */
    @FunctionalInterface
    interface RunSource {
        /**
         * @return the run, or empty while the tracker does not know it yet
         * @throws TrackerUnavailableException while the tracker cannot answer
         */
        Optional<RunView> run(String runId);
    }

    private final RunSource runs;
    private final PrintStream out;
    private final Clock clock;
    private final Duration poll;
    private final Duration trackerWait;

    public RunWatch(SchedulerClient scheduler, PrintStream out, Clock clock) {
        this(scheduler::run, out, clock, POLL, TRACKER_WAIT);
    }

    RunWatch(RunSource runs, PrintStream out, Clock clock, Duration poll, Duration trackerWait) {
        this.runs = runs;
        this.out = out;
        this.clock = clock;
        this.poll = poll;
        this.trackerWait = trackerWait;
    }

    /**
     * @throws SchedulerCallException if the scheduler refuses the query, or its tracker has been
     *     unavailable for longer than the tracker wait
     */
    public RunView await(String runId) throws InterruptedException {
        Instant since = clock.instant();
        Instant unavailableSince = null;
        String shown = "";
        while (true) {
            Optional<RunView> view;
            try {
                view = runs.run(runId);
                unavailableSince = null;
            } catch (TrackerUnavailableException e) {
                Instant now = clock.instant();
                if (unavailableSince == null) {
                    unavailableSince = now;
                    out.println("  " + WAITING);
                    out.flush();
                } else if (Duration.between(unavailableSince, now).compareTo(trackerWait) > 0) {
                    throw new SchedulerCallException("the run tracker could not answer for " + trackerWait.toSeconds()
                            + " s (HTTP 503), giving up on following run " + runId + ": " + e.getMessage());
                }
                view = Optional.empty();
            }
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
            Thread.sleep(poll.toMillis());
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
