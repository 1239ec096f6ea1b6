package io.conveyor.scheduler.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one scheduling pass decided for one pipeline.
 *
 * @param fireTimes         logical times to trigger now, oldest first
 * @param scheduledThrough  the latest fire time this pass dealt with, fired or deliberately skipped; the
 *                          next pass starts after it. Empty when nothing was due.
 */
public record FirePlan(List<Instant> fireTimes, Optional<Instant> scheduledThrough) {

    public FirePlan {
        fireTimes = List.copyOf(fireTimes);
        Objects.requireNonNull(scheduledThrough, "scheduledThrough");
    }

    static FirePlan nothingDue() {
        return new FirePlan(List.of(), Optional.empty());
    }

    public boolean isEmpty() {
        return scheduledThrough.isEmpty();
    }
}
