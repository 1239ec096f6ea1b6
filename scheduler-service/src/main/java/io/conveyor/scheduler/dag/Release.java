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

    static Release decide(TriggerRule rule, Upstream upstream) {
        if (upstream.total() == 0) {
            // As in Airflow, a task without upstream tasks runs whatever its rule says.
            return RUN;
        }
        return switch (rule) {
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

    /** The ended upstream tasks of one task, sorted by how they ended. */
    record Upstream(int total, int succeeded, List<String> failed, List<String> skipped) {

        static Upstream of(Collection<TaskState> upstream) {
            int succeeded = 0;
            List<String> failed = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            for (TaskState task : upstream) {
                if (task.status() == TaskStatus.SUCCEEDED) {
                    succeeded++;
                } else if (task.isFailure()) {
                    failed.add(task.taskId());
                } else if (task.status() == TaskStatus.SKIPPED) {
                    skipped.add(task.taskId());
                }
            }
            return new Upstream(upstream.size(), succeeded, List.copyOf(failed), List.copyOf(skipped));
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
