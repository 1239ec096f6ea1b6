package io.conveyor.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RunWatchTest {

    private static final String RUN = "orders@m-0000000000000001";
    private static final String RESTORING = "run stores are not queryable right now (the tracker is starting or rebalancing)";

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
    /** Every reading of the clock is one second later: one poll, one second. */
    private final Clock clock = new SteppingClock(Duration.ofSeconds(1));

    @Test
    void aTrackerRestoringItsStateIsWaitedForWithOneLineAndTheRunIsFollowedToItsEnd() throws Exception {
        Deque<Supplier<Optional<RunView>>> answers = new ArrayDeque<>(List.of(
                RunWatchTest::unavailable, RunWatchTest::unavailable, RunWatchTest::unavailable,
                Optional::empty,
                () -> Optional.of(run("RUNNING", "running")),
                () -> Optional.of(run("SUCCEEDED", "succeeded"))));
        RunWatch watch = new RunWatch(id -> answers.pop().get(), out, clock, Duration.ZERO, Duration.ofSeconds(60));

        RunView finished = watch.await(RUN);

        assertThat(finished.status()).isEqualTo("SUCCEEDED");
        List<String> lines = console.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).filteredOn(line -> line.contains(RunWatch.WAITING)).hasSize(1);
        assertThat(lines.get(0)).isEqualTo("  " + RunWatch.WAITING);
        assertThat(lines).hasSize(3);
    }

    @Test
    void aTrackerThatStaysUnavailableEndsTheWatchWithAOneLineMessageOnceTheWaitIsOver() {
        int[] asked = {0};
        RunWatch watch = new RunWatch(id -> {
            asked[0]++;
            return unavailable();
        }, out, clock, Duration.ZERO, Duration.ofSeconds(60));

        assertThatThrownBy(() -> watch.await(RUN))
                .isInstanceOf(SchedulerCallException.class)
                .isNotInstanceOf(TrackerUnavailableException.class)
                .hasMessage("the run tracker could not answer for 60 s (HTTP 503), giving up on following run " + RUN + ": " + RESTORING);
        // One second per poll: given up on the first poll more than 60 s after the first 503, not before.
        assertThat(asked[0]).isEqualTo(62);
    }

    @Test
    void aRunTheTrackerDoesNotKnowYetIsWaitedForSilently() throws Exception {
        Deque<Supplier<Optional<RunView>>> answers = new ArrayDeque<>(List.of(
                Optional::empty, Optional::empty, () -> Optional.of(run("FAILED", "failed"))));
        RunWatch watch = new RunWatch(id -> answers.pop().get(), out, clock, Duration.ZERO, Duration.ofSeconds(60));

        assertThat(watch.await(RUN).status()).isEqualTo("FAILED");
        assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain(RunWatch.WAITING);
    }

    @Test
    void aRefusedQueryIsNotWaitedFor() {
        RunWatch watch = new RunWatch(id -> {
            throw new SchedulerCallException("reading run " + id + " was refused (HTTP 500): boom");
        }, out, clock, Duration.ZERO, Duration.ofSeconds(60));

        assertThatThrownBy(() -> watch.await(RUN)).hasMessageContaining("HTTP 500");
    }

    private static Optional<RunView> unavailable() {
        throw new TrackerUnavailableException(RESTORING);
    }

    private static RunView run(String status, String taskStatus) {
        return new RunView(RUN, status, Optional.empty(), Optional.empty(),
                List.of(new RunView.TaskView("extract", taskStatus, 10, 10, 0, 0, Optional.empty())));
    }

    /** A clock that moves on by a fixed step every time it is read. */
    private static final class SteppingClock extends Clock {
        private final Duration step;
        private Instant now = Instant.parse("2026-12-01T00:00:00Z");

        SteppingClock(Duration step) {
            this.step = step;
        }

        @Override
        public Instant instant() {
            now = now.plus(step);
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
