package io.conveyor.cli.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void columnsArePaddedToTheirWidestCellAndNumbersAreRightAlignedWithThousandsSeparators() {
        String table = TextTable.of("NAME", ">ROWS", "NEXT FIRE")
                .row("orders", 1_234_567L, "2026-12-08T03:00:00Z")
                .row("a", 5, null)
                .render();

        assertThat(table.lines()).containsExactly(
                "NAME         ROWS  NEXT FIRE",
                "orders  1,234,567  2026-12-08T03:00:00Z",
                "a               5  -");
    }

    @Test
    void aCellWithALineBreakStaysOnItsRow() {
        assertThat(TextTable.of("MESSAGE").row("first\nsecond").render().lines()).containsExactly("MESSAGE", "first second");
    }

    @Test
    void aRowWithTheWrongNumberOfCellsIsRefused() {
        assertThatThrownBy(() -> TextTable.of("A", "B").row("only one"))
                .hasMessage("a row of 2 columns was given 1 cells");
    }
}
