package io.conveyor.cli.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conveyor.cli.CliFailure;
import io.conveyor.cli.ExitCodes;
import io.conveyor.cli.render.ProgressDisplay;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunFollowerTest {

    private final StringWriter shown = new StringWriter();
    /** Every poll advances it by a second. */
    private final SteppingClock clock = new SteppingClock();

    private static JsonNode detail(String status, String taskStatus, long in) {
        try {
            return new ObjectMapper().readTree("""
                    {"run": {"runId": "p@m-1", "pipeline": "p", "status": "%s"},
                     "tasks": [{"task": {"taskId": "extract", "status": "%s",
                                         "counts": {"recordsIn": %d, "recordsOut": %d, "recordsRejected": 0, "recordsDropped": 0}}}]}
                    """.formatted(status, taskStatus, in, in));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private RunFollower follower(Deque<RunFollower.Poll> polls, Duration patience) {
        return new RunFollower(runId -> {
            clock.step();
            return polls.size() > 1 ? polls.removeFirst() : polls.getFirst();
        }, new ProgressDisplay(new PrintWriter(shown), false), clock, Duration.ZERO, patience);
    }

    @Test
    void followsARunThroughNotYetKnownToItsEndShowingEachChangeOnce() throws Exception {
        Deque<RunFollower.Poll> polls = new ArrayDeque<>(List.of(
                new RunFollower.Poll.NotYet(404, "no run p@m-1"),
                new RunFollower.Poll.Found(detail("RUNNING", "RUNNING", 5)),
                new RunFollower.Poll.Found(detail("RUNNING", "RUNNING", 5)),
                new RunFollower.Poll.NotYet(503, "restoring"),
                new RunFollower.Poll.Found(detail("SUCCEEDED", "SUCCEEDED", 9))));

        JsonNode last = follower(polls, Duration.ofSeconds(60)).follow("p@m-1", Optional.empty());

        assertThat(last.path("run").path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(shown.toString().lines().filter(line -> line.startsWith("p@m-1"))).containsExactly(
                "p@m-1  RUNNING  2.0s", "p@m-1  SUCCEEDED  5.0s");
    }

    @Test
    void aRunStillUnknownAfterThePatienceIsNotFound() {
        Deque<RunFollower.Poll> polls = new ArrayDeque<>(List.of(new RunFollower.Poll.NotYet(404, "no run p@m-1")));

        assertThatThrownBy(() -> follower(polls, Duration.ofSeconds(3)).follow("p@m-1", Optional.empty()))
                .isInstanceOfSatisfying(CliFailure.class, failure -> assertThat(failure.exitCode()).isEqualTo(ExitCodes.NOT_FOUND))
                .hasMessage("run p@m-1 is still unknown to the scheduler after 3 s: no run p@m-1");
    }

    @Test
    void aTrackerUnavailableForLongerThanThePatienceIsAServerProblem() {
        Deque<RunFollower.Poll> polls = new ArrayDeque<>(List.of(new RunFollower.Poll.NotYet(503, "restoring")));

        assertThatThrownBy(() -> follower(polls, Duration.ofSeconds(3)).follow("p@m-1", Optional.empty()))
                .isInstanceOfSatisfying(CliFailure.class, failure -> assertThat(failure.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE))
                .hasMessageContaining("could not answer for 3 s (HTTP 503): restoring");
    }

    @Test
    void aTimeoutGivesUpFollowingAndSaysHowToFollowAgain() {
        Deque<RunFollower.Poll> polls = new ArrayDeque<>(List.of(new RunFollower.Poll.Found(detail("RUNNING", "RUNNING", 1))));

        assertThatThrownBy(() -> follower(polls, Duration.ofSeconds(60)).follow("p@m-1", Optional.of(Duration.ofSeconds(4))))
                .isInstanceOfSatisfying(CliFailure.class, failure -> assertThat(failure.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE))
                .hasMessage("run p@m-1 did not finish within 4 s (--timeout); it goes on: 'conveyor runs watch p@m-1' follows it again");
    }

    private static final class SteppingClock extends Clock {
        private Instant now = Instant.parse("2026-12-07T00:00:00Z");

        void step() {
            now = now.plusSeconds(1);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
