package io.conveyor.cli.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conveyor.cli.ExitCodes;
import io.conveyor.cli.InProcessCli;
import io.conveyor.cli.InProcessCli.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The dead-letter commands parsed in this JVM: what is decided before any request. */
class DeadLettersCommandTest {

    /** A closed port on loopback: a command that got past its checks exits 3, not 2. */
    private static final String CLOSED = "http://127.0.0.1:" + closedPort();

    /** Every command against {@link #CLOSED}. */
    private static Result run(String... args) {
        String[] withUrl = Arrays.copyOf(args, args.length + 2);
        withUrl[args.length] = "--url";
        withUrl[args.length + 1] = CLOSED;
        return InProcessCli.run(withUrl);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void discardWithoutAReasonIsAUsageError() {
        Result discard = run("dead-letters", "discard", "orders", "--id", "0-12");

        assertThat(discard.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(discard.err()).contains("Missing required option: '--reason=TEXT'");
        assertThat(run("dead-letters", "discard", "orders", "--reason", " ").err())
                .contains("--reason must say why the letters are discarded");
    }

    @Test
    void discardingEveryOpenLetterMustBeAskedForWithAllAndAllTakesNoFilter() {
        Result unselected = run("dead-letters", "discard", "orders", "--reason", "test data");
        assertThat(unselected.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(unselected.err()).contains("discard needs a filter or --id, or --all to discard every open letter of orders");

        Result both = run("dead-letters", "discard", "orders", "--all", "--rule", "regex", "--reason", "test data");
        assertThat(both.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(both.err()).contains("--all discards every open letter; it takes no filter and no --id");
    }

    @Test
    void aStageOrStateThatDoesNotExistIsAUsageErrorListingTheValuesInAnyCase() {
        Result stage = run("dead-letters", "list", "orders", "--stage", "clean");

        assertThat(stage.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(stage.err()).contains("EXTRACT, TRANSFORM, LOAD");
        assertThat(run("dead-letters", "summary", "orders", "--state", "closed").err()).contains("OPEN, REPLAYED, DISCARDED");
        // lower case is accepted: it gets past parsing to the (closed) scheduler
        assertThat(run("dead-letters", "list", "orders", "--stage", "transform", "--state", "open").exit())
                .isEqualTo(ExitCodes.UNAVAILABLE);
    }

    @Test
    void badInstantsLimitsAndFieldsAreRefusedBeforeAnyRequest() {
        assertThat(run("dead-letters", "list", "orders", "--from", "yesterday").err())
                .contains("--from 'yesterday' is not an ISO-8601 instant");
        assertThat(run("dead-letters", "list", "orders", "--limit", "1001").err())
                .contains("--limit must be between 1 and 1000, was 1001");
        assertThat(run("dead-letters", "replay", "orders", "--set", "=x").err()).contains("--set needs a field name");
        assertThat(run("dead-letters", "replay", "orders", "--set", "amount").exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(run("dead-letters", "show", "orders").exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(run("dead-letters").err()).contains("Missing command: list, summary, show, replay or discard");
    }

    @Test
    void aCommandThatGotPastItsChecksNamesWhatItWasDoingWhenTheSchedulerIsUnreachable() {
        Result replay = run("dead-letters", "replay", "orders", "--id", "0-12,1-3", "--set", "amount=0", "--wait");

        assertThat(replay.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(replay.err()).startsWith("conveyor: replaying dead letters of orders: cannot reach the scheduler");
    }

    @Test
    void aReplayTellsItsRunAndCountsAndOnlyTheReasonsThatSkippedLetters() throws Exception {
        assertThat(DeadLettersCommand.replayed(new ObjectMapper().readTree("""
                {"runId": "orders@manual-replay-1", "letters": 20,
                 "skipped": {"replayed": 3, "discarded": 0, "extractStage": 1, "unknownTask": 0}}
                """))).isEqualTo("Started replay run orders@manual-replay-1 of 20 dead letter(s); skipped: replayed 3, extractStage 1");
        assertThat(DeadLettersCommand.discarded(new ObjectMapper().readTree("""
                {"discarded": 20, "skipped": {"replayed": 0, "discarded": 0}}
                """))).isEqualTo("Discarded 20 dead letter(s)");
    }
}
