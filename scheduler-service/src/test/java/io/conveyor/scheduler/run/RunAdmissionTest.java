package io.conveyor.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunAdmissionTest {

    private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");

    private final QueuedRun early = run("early", 0, 0);
    private final QueuedRun late = run("late", 0, 60);
    private final QueuedRun urgentLate = run("urgent", 9, 120);
    private final QueuedRun background = run("background", -5, -60);
    private final List<QueuedRun> queue = List.of(late, background, early, urgentLate);

    @Test
    void admitsByPriorityThenQueueTimeUpToTheFreeSlots() {
        var admission = new RunAdmission(4);

        assertThat(admission.admit(1, queue)).containsExactly(urgentLate, early, late);
        assertThat(admission.admit(0, queue)).containsExactly(urgentLate, early, late, background);
    }

    @Test
    void admitsNothingWhileThePipelineIsAtOrAboveItsLimit() {
        var admission = new RunAdmission(2);

        assertThat(admission.admit(2, queue)).isEmpty();
        assertThat(admission.admit(5, queue)).isEmpty();
        assertThat(admission.freeSlots(5)).isZero();
    }

    @Test
    void equalPriorityAndTimeAreOrderedByRunId() {
        QueuedRun b = run("b", 1, 0);
        QueuedRun a = run("a", 1, 0);

        assertThat(new RunAdmission(1).admit(0, List.of(b, a))).containsExactly(a);
    }

    @Test
    void rejectsMixedPipelinesAndNonsenseLimits() {
        var other = new QueuedRun("x", "other", 0, T0);

        assertThatThrownBy(() -> new RunAdmission(3).admit(0, List.of(early, other)))
                .hasMessageContaining("per pipeline").hasMessageContaining("other");
        assertThatThrownBy(() -> new RunAdmission(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new RunAdmission(1).freeSlots(-1)).hasMessageContaining("negative");
    }

    private static QueuedRun run(String id, int priority, long secondsAfterT0) {
        return new QueuedRun(id, "orders", priority, T0.plusSeconds(secondsAfterT0));
    }
}
