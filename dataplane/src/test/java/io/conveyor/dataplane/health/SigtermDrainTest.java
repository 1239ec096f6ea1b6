package io.conveyor.dataplane.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SIGTERM (what {@code Process.destroy()} sends) to a JVM that installed the drain: what the exit status says. */
class SigtermDrainTest {

    /** A process whose "application" takes {@code args[0]} ms to close, with a grace period of {@code args[1]} ms. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            long closing = Long.parseLong(args[0]);
            SigtermDrain.install("child", () -> {
                Thread.sleep(closing);
                System.out.println("application closed");
            }, Duration.ofMillis(Long.parseLong(args[1])));
            System.out.println("ready");
            Thread.sleep(120_000);
        }
    }

    @Test
    void aProcessThatDrainsWithinTheGracePeriodExitsZeroAfterClosingItsApplication() throws Exception {
        Run run = terminate(300, 10_000);

        assertThat(run.status()).as(run.output().toString()).isZero();
        assertThat(run.output()).contains("application closed");
    }

    @Test
    void aProcessThatDoesNotDrainWithinTheGracePeriodHaltsWithOneRatherThanHang() throws Exception {
        long start = System.nanoTime();

        Run run = terminate(60_000, 1_000);

        assertThat(run.status()).as(run.output().toString()).isEqualTo(1);
        assertThat(run.output()).doesNotContain("application closed");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    record Run(int status, List<String> output) {
    }

    private static Run terminate(long closingMillis, long graceMillis) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Child.class.getName(),
                Long.toString(closingMillis), Long.toString(graceMillis)).redirectErrorStream(true).start();
        try {
            // The child's output is read on a thread of its own to the end, so the process's exit cannot cut it off.
            List<String> output = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch ready = new CountDownLatch(1);
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        output.add(line);
                        if (line.equals("ready")) {
                            ready.countDown();
                        }
                    }
                } catch (IOException e) {
                    output.add(e.toString());
                }
            });
            reader.start();
            assertThat(ready.await(60, TimeUnit.SECONDS)).as("child ready: %s", output).isTrue();
            // SIGTERM as Process.destroy() sends it, through the handle so that the child's output stays open to read.
            assertThat(process.toHandle().destroy()).isTrue();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
            reader.join(10_000);
            return new Run(process.exitValue(), List.copyOf(output));
        } finally {
            process.destroyForcibly();
        }
    }
}
