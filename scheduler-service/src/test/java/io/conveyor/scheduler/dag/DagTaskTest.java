package io.conveyor.scheduler.dag;

import static io.conveyor.scheduler.dag.TaskBuilder.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.scheduler.dag.InvalidDagException.Problem;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DagTaskTest {

    @Test
    void backoffDoublesPerAttemptUpToTheCap() {
        DagTask task = task("t").retries(10, Duration.ofSeconds(10), Duration.ofSeconds(45)).build();

        assertThat(task.backoffAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(task.backoffAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(task.backoffAfter(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(task.backoffAfter(4)).isEqualTo(Duration.ofSeconds(45));
        assertThat(task.backoffAfter(1000)).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void hugeCapDoesNotOverflow() {
        DagTask task = task("t").retries(100, Duration.ofSeconds(1), Duration.ofSeconds(Long.MAX_VALUE)).build();

        assertThat(task.backoffAfter(63)).isEqualTo(Duration.ofSeconds(1L << 62));
        assertThat(task.backoffAfter(64)).isEqualTo(Duration.ofSeconds(Long.MAX_VALUE));
    }

    @Test
    void retriesCountAttemptsAfterTheFirst() {
        DagTask task = task("t").retries(2, Duration.ZERO, Duration.ZERO).build();

        assertThat(task.mayRetryAfter(1)).isTrue();
        assertThat(task.mayRetryAfter(2)).isTrue();
        assertThat(task.mayRetryAfter(3)).isFalse();
    }

    @Test
    void rejectsInconsistentPolicies() {
        assertInvalid(task("t").retries(-1, Duration.ZERO, Duration.ZERO), "retries must not be negative");
        assertInvalid(task("t").retries(1, Duration.ofMinutes(2), Duration.ofMinutes(1)),
                "maxRetryBackoff PT1M is shorter than retryBackoff PT2M");
        assertInvalid(task("t").timeout(Duration.ZERO), "timeout must be positive");
        assertInvalid(task("t").rejectThreshold(1.5), "rejectThreshold must be between 0 and 1");
        assertInvalid(task("t").rejectThreshold(Double.NaN), "rejectThreshold must be between 0 and 1");
        assertInvalid(task("t", "a", "a"), "dependsOn lists 'a' twice");
        assertInvalid(task(" "), "task id must not be blank");
    }

    private static void assertInvalid(TaskBuilder builder, String message) {
        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(InvalidDagException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_TASK))
                .hasMessageContaining(message);
    }
}
