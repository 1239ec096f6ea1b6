package io.conveyor.loader.stream;

import java.sql.SQLException;

/** The database refused a run's load for a reason retrying cannot cure; the run fails. */
final class RunLoadException extends Exception {

    private final transient LoadPlan plan;

    RunLoadException(LoadPlan plan, SQLException cause) {
        super("loading into " + plan.target().table() + " failed: " + cause.getMessage(), cause);
        this.plan = plan;
    }

    LoadPlan plan() {
        return plan;
    }
}
