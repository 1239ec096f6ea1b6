package io.conveyor.scheduler.dag;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** What a pending task's trigger rule says, given its upstream tasks now. */
enum Release {
    WAIT(null),
    RUN(null),
    SKIP_UPSTREAM_FAILED(SkipCause.UPSTREAM_FAILED),
    SKIP_UPSTREAM_SKIPPED(SkipCause.UPSTREAM_SKIPPED),
    SKIP_NOTHING_FAILED(SkipCause.NOTHING_FAILED);

    private final SkipCause skipCause;

    Release(SkipCause skipCause) {
        this.skipCause = skipCause;
    }

    Optional<SkipCause> skipCause() {
        return Optional.ofNullable(skipCause);
    }

    static Release decide(DagTask task, Upstream upstream) {
        if (upstream.total() == 0) {
            // As in Airflow, a task without upstream tasks runs whatever its rule says.
            return RUN;
        }
        if (task.streamsInput()) {
            return streaming(upstream);
        }
        return switch (task.triggerRule()) {
            case ALL_SUCCESS -> allSuccess(upstream);
            case ALL_DONE -> upstream.allDone() ? RUN : WAIT;
            case ONE_FAILED -> oneFailed(upstream);
            case NONE_FAILED -> noneFailed(upstream);
        };
    }

    private static Release allSuccess(Upstream upstream) {
        if (!upstream.failed().isEmpty()) {
            return SKIP_UPSTREAM_FAILED;
        }
        if (!upstream.skipped().isEmpty()) {
            return SKIP_UPSTREAM_SKIPPED;
        }
        return upstream.succeeded() == upstream.total() ? RUN : WAIT;
    }

    /**
     * All_success for a task that consumes its upstream's output as it is produced: it runs once
     * every upstream has been dispatched (a retrying upstream counts: its next attempt resumes the
     * same output) and is skipped, also while it runs, as soon as one failed or was skipped.
     */
    static Release streaming(Upstream upstream) {
        if (!upstream.failed().isEmpty()) {
            return SKIP_UPSTREAM_FAILED;
        }
        if (!upstream.skipped().isEmpty()) {
            return SKIP_UPSTREAM_SKIPPED;
        }
        return upstream.succeeded() + upstream.dispatched() == upstream.total() ? RUN : WAIT;
    }

    private static Release oneFailed(Upstream upstream) {
        if (!upstream.failed().isEmpty()) {
            return RUN;
        }
        return upstream.allDone() ? SKIP_NOTHING_FAILED : WAIT;
    }

    private static Release noneFailed(Upstream upstream) {
        if (!upstream.failed().isEmpty()) {
            return SKIP_UPSTREAM_FAILED;
        }
        return upstream.allDone() ? RUN : WAIT;
    }

    /** The upstream tasks of one task: the ended ones by how they ended, and how many are dispatched but unfinished. */
    record Upstream(int total, int succeeded, int dispatched, List<String> failed, List<String> skipped) {

        static Upstream of(Collection<TaskState> upstream) {
            int succeeded = 0;
            int dispatched = 0;
            List<String> failed = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            for (TaskState task : upstream) {
                if (task.status() == TaskStatus.SUCCEEDED) {
                    succeeded++;
                } else if (task.isFailure()) {
                    failed.add(task.taskId());
                } else if (task.status() == TaskStatus.SKIPPED) {
                    skipped.add(task.taskId());
                } else if (task.status() != TaskStatus.PENDING) {
                    dispatched++;
                }
            }
            return new Upstream(upstream.size(), succeeded, dispatched, List.copyOf(failed), List.copyOf(skipped));
        }

        boolean allSucceeded() {
            return succeeded == total;
        }

        boolean allDone() {
            return succeeded + failed.size() + skipped.size() == total;
        }

        String explain(SkipCause cause) {
            return switch (cause) {
                case UPSTREAM_FAILED -> "upstream failed: " + String.join(", ", failed);
                case UPSTREAM_SKIPPED -> "upstream skipped: " + String.join(", ", skipped);
                case NOTHING_FAILED -> "no upstream failed";
            };
        }
    }
}
