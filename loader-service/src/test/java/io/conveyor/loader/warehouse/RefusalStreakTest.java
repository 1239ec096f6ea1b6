package io.conveyor.loader.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RefusalStreakTest {

    @Test
    void theBudgetIsSpentByRowsRefusedAlikeOneAfterAnother() throws Exception {
        RefusalStreak streak = new RefusalStreak(3);
        streak.refused("22008", "seen", "date/time field value out of range: \"1711852200123456\"");
        streak.refused("22008", "seen", "date/time field value out of range: \"1711852200123457\"");

        assertThatThrownBy(() -> streak.refused("22008", "seen", "third"))
                .isInstanceOfSatisfying(RefusalStreak.SpentException.class, spent -> {
                    assertThat(spent.getSQLState()).isEqualTo("22008");
                    assertThat(spent.getMessage()).isEqualTo("3 rows in a row were refused with SQLSTATE 22008 in column seen"
                            + " and none loaded (row retry budget 3), the first with: date/time field value out of range:"
                            + " \"1711852200123456\"");
                });
    }

    @Test
    void aLoadedRowOrAnotherReasonStartsTheCountAgain() throws Exception {
        RefusalStreak streak = new RefusalStreak(3);
        streak.refused("23514", null, "check");
        streak.refused("23514", null, "check");
        streak.loaded();
        streak.refused("23514", null, "check");
        streak.refused("23514", null, "check");
        streak.refused("23502", "name", "not null");
        streak.refused("23514", null, "check");
        streak.refused("23514", "amount", "check on another column");
        streak.refused("23514", "amount", "check on another column");

        assertThatThrownBy(() -> streak.refused("23514", "amount", "again")).isInstanceOf(RefusalStreak.SpentException.class);
    }
}
