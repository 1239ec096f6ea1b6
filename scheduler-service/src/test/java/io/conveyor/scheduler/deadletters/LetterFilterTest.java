package io.conveyor.scheduler.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.deadletter.DeadLetter;
import io.conveyor.deadletter.Stage;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LetterFilterTest {

    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");
    private static final LetterId ID = new LetterId(1, 40);
    private static final DeadLetter LETTER = DeadLetter.newBuilder().setStage(Stage.TRANSFORM).setPipeline("orders")
            .setRunId("orders@m-1").setTaskId("clean").setRule("regex#6").setField("name").setMessage("no match")
            .setTime(T).build();

    @Test
    void noCriterionMatchesEveryLetter() {
        assertThat(LetterFilter.all().matches(ID, LETTER, LetterState.Kind.OPEN)).isTrue();
    }

    @Test
    void aRuleMatchesByItsFullNameOrByItsKind() {
        assertThat(rule("regex#6").matches(ID, LETTER, LetterState.Kind.OPEN)).isTrue();
        assertThat(rule("regex").matches(ID, LETTER, LetterState.Kind.OPEN)).isTrue();
        assertThat(rule("regex#7").matches(ID, LETTER, LetterState.Kind.OPEN)).isFalse();
        assertThat(rule("reg").matches(ID, LETTER, LetterState.Kind.OPEN)).isFalse();
    }

    @Test
    void theTimeRangeIncludesItsStartAndExcludesItsEnd() {
        assertThat(between(T, T.plusSeconds(1)).matches(ID, LETTER, LetterState.Kind.OPEN)).isTrue();
        assertThat(between(T.minusSeconds(1), T).matches(ID, LETTER, LetterState.Kind.OPEN)).isFalse();
    }

    @Test
    void everyGivenCriterionMustMatch() {
        LetterFilter filter = new LetterFilter(Optional.of("orders@m-1"), Optional.of(Stage.TRANSFORM), Optional.of("clean"),
                Optional.empty(), Optional.of("name"), Optional.empty(), Optional.empty(), Optional.of(LetterState.Kind.OPEN),
                Set.of());

        assertThat(filter.matches(ID, LETTER, LetterState.Kind.OPEN)).isTrue();
        assertThat(filter.matches(ID, LETTER, LetterState.Kind.REPLAYED)).isFalse();
        assertThat(filter.withState(LetterState.Kind.REPLAYED).matches(ID, LETTER, LetterState.Kind.REPLAYED)).isTrue();
    }

    @Test
    void idsNameTheOnlyLettersThatMayMatch() {
        LetterFilter filter = new LetterFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Set.of(new LetterId(1, 41)));

        assertThat(filter.matches(ID, LETTER, LetterState.Kind.OPEN)).isFalse();
        assertThat(filter.matches(new LetterId(1, 41), LETTER, LetterState.Kind.OPEN)).isTrue();
    }

    @Test
    void letterIdsAreReadAsPartitionDashOffsetOnly() {
        assertThat(LetterId.parse("1-40")).contains(ID);
        assertThat(LetterId.parse("1-40").orElseThrow().stateKey("orders/Xr4f")).isEqualTo("orders/Xr4f/1-40");
        assertThat(LetterId.parse("1-")).isEmpty();
        assertThat(LetterId.parse("../1-40")).isEmpty();
        assertThat(LetterId.parse("1-99999999999999999999")).isEmpty();
    }

    private static LetterFilter rule(String rule) {
        return new LetterFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(rule), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Set.of());
    }

    private static LetterFilter between(Instant from, Instant to) {
        return new LetterFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(from), Optional.of(to), Optional.empty(), Set.of());
    }
}
