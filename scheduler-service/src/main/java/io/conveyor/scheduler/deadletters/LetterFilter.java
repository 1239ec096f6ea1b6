package io.conveyor.scheduler.deadletters;

import io.conveyor.deadletter.DeadLetter;
import io.conveyor.deadletter.Stage;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which letters a listing, a summary, a replay or a discard is about: every criterion given must
 * match (run, stage, task and field exactly; the rule exactly, such as {@code regex#6}, or by its
 * kind, {@code regex}; time within {@code [from, to)}; state), and {@code ids}, when not empty,
 * names the only letters that may. Pure.
 */
record LetterFilter(Optional<String> run, Optional<Stage> stage, Optional<String> task, Optional<String> rule,
                    Optional<String> field, Optional<Instant> from, Optional<Instant> to,
                    Optional<LetterState.Kind> state, Set<LetterId> ids) {

    LetterFilter {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(state, "state");
        ids = Set.copyOf(ids);
    }

    static LetterFilter all() {
        return new LetterFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Set.of());
    }

    LetterFilter withState(LetterState.Kind kind) {
        return new LetterFilter(run, stage, task, rule, field, from, to, Optional.of(kind), ids);
    }

    /** Rules are named {@code kind#position} in their task; the kind alone names all of that kind. */
    private static boolean sameRule(String wanted, String rule) {
        return rule != null && (rule.equals(wanted) || rule.startsWith(wanted + "#"));
    }

    boolean matches(LetterId id, DeadLetter letter, LetterState.Kind kind) {
        return (ids.isEmpty() || ids.contains(id))
                && run.map(r -> r.equals(letter.getRunId())).orElse(true)
                && stage.map(s -> s == letter.getStage()).orElse(true)
                && task.map(t -> t.equals(letter.getTaskId())).orElse(true)
                && rule.map(r -> sameRule(r, letter.getRule())).orElse(true)
                && field.map(f -> f.equals(letter.getField())).orElse(true)
                && from.map(f -> !letter.getTime().isBefore(f)).orElse(true)
                && to.map(t -> letter.getTime().isBefore(t)).orElse(true)
                && state.map(s -> s == kind).orElse(true);
    }
}
