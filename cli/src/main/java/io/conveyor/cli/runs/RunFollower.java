package io.conveyor.cli.runs;

import com.fasterxml.jackson.databind.JsonNode;
import io.conveyor.cli.CliFailure;
import io.conveyor.cli.ExitCodes;
import io.conveyor.cli.render.ProgressDisplay;
import io.conveyor.cli.render.RunSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Follows a run until it finishes, showing its progress whenever it changes. The run itself has no
 * deadline here unless the user gives one ({@code --timeout}); the scheduler's answers do: a run
 * just triggered is unknown (404) until the tracker has read its trigger, and the tracker cannot
 * answer (503) while it restores its state after a restart. Either may last {@code patience}, not longer.
 */
final class RunFollower {

    /** One answer of {@code GET /runs/{runId}}: the detail, or the HTTP status that means "not yet". */
    sealed interface Poll permits Poll.Found, Poll.NotYet {
        record Found(JsonNode detail) implements Poll {
        }

        record NotYet(int status, String reason) implements Poll {
        }
    }

    @FunctionalInterface
    interface RunSource {
        Poll poll(String runId);
    }

    private final RunSource source;
    private final ProgressDisplay display;
    private final Clock clock;
    private final Duration interval;
    private final Duration patience;

    RunFollower(RunSource source, ProgressDisplay display, Clock clock, Duration interval, Duration patience) {
        this.source = source;
        this.display = display;
        this.clock = clock;
        this.interval = interval;
        this.patience = patience;
    }

    /** The run's final detail. */
    JsonNode follow(String runId, Optional<Duration> timeout) throws InterruptedException {
        Instant since = clock.instant();
        Instant notYetSince = null;
        while (true) {
            Poll poll = source.poll(runId);
            Instant now = clock.instant();
            if (poll instanceof Poll.Found found) {
                notYetSince = null;
                RunSnapshot run = RunSnapshot.of(found.detail());
                display.show(run, Duration.between(since, now));
                if (run.finished()) {
                    return found.detail();
                }
            } else {
                Poll.NotYet notYet = (Poll.NotYet) poll;
                notYetSince = notYetSince == null ? now : notYetSince;
                if (Duration.between(notYetSince, now).compareTo(patience) > 0) {
                    throw notYet.status() == 404
                            ? new CliFailure(ExitCodes.NOT_FOUND, "run " + runId + " is still unknown to the scheduler after "
                                    + patience.toSeconds() + " s: " + notYet.reason())
                            : new CliFailure(ExitCodes.UNAVAILABLE, "the run tracker could not answer for " + patience.toSeconds()
                                    + " s (HTTP " + notYet.status() + "): " + notYet.reason());
                }
            }
            if (timeout.isPresent() && Duration.between(since, now).compareTo(timeout.get()) > 0) {
                throw new CliFailure(ExitCodes.UNAVAILABLE, "run " + runId + " did not finish within " + timeout.get().toSeconds()
                        + " s (--timeout); it goes on: 'conveyor runs watch " + runId + "' follows it again");
            }
            Thread.sleep(interval.toMillis());
        }
    }
}
