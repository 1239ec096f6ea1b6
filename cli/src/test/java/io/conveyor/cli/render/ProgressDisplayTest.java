package io.conveyor.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {

    private static RunSnapshot.TaskLine task(String id, String status, int done, int partitions, long in, long out, long rejected) {
        return new RunSnapshot.TaskLine(id, status, done, partitions, in, out, rejected, 0, Optional.empty());
    }

    private static RunSnapshot run(String status, RunSnapshot.TaskLine... tasks) {
        return new RunSnapshot("orders@m-1", "orders", status, List.of(tasks));
    }

    @Test
    void eachTaskHasABarOfItsInputPartitionsDoneAndItsCounts() {
        RunSnapshot running = run("RUNNING", task("extract", "SUCCEEDED", 1, 1, 2000, 2000, 0),
                task("clean", "RUNNING", 2, 6, 900, 880, 20), task("load", "PENDING", 0, 0, 0, 0, 0));

        assertThat(ProgressDisplay.taskLines(running)).containsExactly(
                "  extract  succeeded  [####################] 1/1  in 2,000  out 2,000  rejected 0  dropped 0",
                "  clean    running    [#######-------------] 2/6  in 900  out 880  rejected 20  dropped 0",
                "  load     pending    [--------------------] -/-  in 0  out 0  rejected 0  dropped 0");
    }

    @Test
    void aSucceededTaskIsFullEvenWhenItsPartitionsWereNotReported() {
        assertThat(ProgressDisplay.bar(task("extract", "SUCCEEDED", 0, 0, 5, 5, 0))).isEqualTo("[####################] 1/1");
    }

    @Test
    void outsideATerminalABlockIsPrintedOnlyWhenSomethingChanged() {
        StringWriter text = new StringWriter();
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(text), false);

        assertThat(display.show(run("RUNNING", task("extract", "RUNNING", 0, 1, 10, 10, 0)), Duration.ofMillis(500))).isTrue();
        assertThat(display.show(run("RUNNING", task("extract", "RUNNING", 0, 1, 10, 10, 0)), Duration.ofSeconds(1))).isFalse();
        assertThat(display.show(run("SUCCEEDED", task("extract", "SUCCEEDED", 1, 1, 20, 20, 0)), Duration.ofMillis(1500))).isTrue();

        assertThat(text.toString().lines()).containsExactly(
                "orders@m-1  RUNNING  0.5s",
                "  extract  running  [--------------------] 0/1  in 10  out 10  rejected 0  dropped 0",
                "orders@m-1  SUCCEEDED  1.5s",
                "  extract  succeeded  [####################] 1/1  in 20  out 20  rejected 0  dropped 0");
    }

    @Test
    void onATerminalTheBlockIsRedrawnInPlace() {
        StringWriter text = new StringWriter();
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(text), true);

        display.show(run("RUNNING", task("extract", "RUNNING", 0, 1, 10, 10, 0)), Duration.ZERO);
        display.show(run("SUCCEEDED", task("extract", "SUCCEEDED", 1, 1, 20, 20, 0)), Duration.ofSeconds(1));

        String second = text.toString().substring(text.toString().indexOf("\u001b["));
        assertThat(second).startsWith("\u001b[2F\u001b[2Korders@m-1  SUCCEEDED  1.0s");
    }
}
