package io.conveyor.loader.warehouse;

import java.sql.SQLException;
import java.util.Objects;

/**
 * Rows of one staging table the database refused one after another for the same reason (the same
 * SQLSTATE, and column when it names one), with no row loaded in between. A batch the database
 * refuses is retried row by row so that only the rows at fault are dead-lettered; but when every
 * row fails alike (a column type none of the values fit, a constraint every row breaks) that only
 * dead-letters the whole input a few hundred rows a second. After {@code budget} such rows the
 * streak is spent and the load fails with the reason instead.
 */
public final class RefusalStreak {

    /** Rows refused alike in a row, with none loaded in between, before the run fails. */
    public static final int DEFAULT_BUDGET = 100;

    private final int budget;
    private String state;
    private String column;
    private String message;
    private int rows;

    public RefusalStreak(int budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("the row retry budget must be positive: " + budget);
        }
        this.budget = budget;
    }

    /** A row went in: whatever failed before was the fault of those rows. */
    public void loaded() {
        state = null;
        column = null;
        message = null;
        rows = 0;
    }

    /**
     * Counts a refused row; throws once {@code budget} rows in a row were refused for this reason.
     *
     * @param state   the SQLSTATE
     * @param column  the column the database blamed, or null
     * @param message the database's message for this row
     */
    public void refused(String state, String column, String message) throws SpentException {
        if (rows > 0 && Objects.equals(state, this.state) && Objects.equals(column, this.column)) {
            rows++;
        } else {
            this.state = state;
            this.column = column;
            this.message = message;
            rows = 1;
        }
        if (rows >= budget) {
            throw new SpentException(state, column, rows, this.message);
        }
    }

    /**
     * Every one of the last rows was refused for the same reason: the data or the table is wrong,
     * not single rows. Carries the SQLSTATE, so the loader sees a permanent error and fails the run.
     */
    public static final class SpentException extends SQLException {

        SpentException(String state, String column, int rows, String message) {
            super(rows + " rows in a row were refused with SQLSTATE " + state + (column == null ? "" : " in column " + column)
                    + " and none loaded (row retry budget " + rows + "), the first with: " + message, state);
        }
    }
}
