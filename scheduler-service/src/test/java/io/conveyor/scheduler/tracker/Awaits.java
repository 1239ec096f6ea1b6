package io.conveyor.scheduler.tracker;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Test fixture: waits for an eventual outcome; the deadline only bounds a hung test, it asserts nothing about speed. */
public final class Awaits {

    private Awaits() {
    }

    public static void until(String what, Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("gave up waiting for " + what + " after " + deadline);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
