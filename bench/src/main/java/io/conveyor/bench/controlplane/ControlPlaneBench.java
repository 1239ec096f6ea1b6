package io.conveyor.bench.controlplane;

import io.conveyor.control.RunEventType;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;

/**
 * Control-plane benchmark: the embedded broker and registry, the DAG tracker and a worker that
 * completes tasks at once, all in this JVM. Measures (c) heap and disk with a million queued runs,
 * (a) trigger to first task command latency and (b) sustained runs per minute, and prints a table.
 *
 * <p>Settings (system properties): {@code bench.latency.runs} (2000), {@code bench.latency.rate}
 * (triggers per second, 100), {@code bench.throughput.seconds} (60), {@code bench.throughput.window}
 * (runs in flight at most, 5000), {@code bench.backlog.runs} (1000000), {@code bench.commit-interval}
 * (tracker commit interval in ms, 25).
 */
public final class ControlPlaneBench {

    private final Map<String, String> results = new LinkedHashMap<>();
    private final BenchStack stack;
    private final BenchTracker tracker;
    private final BenchWorker worker;
    private long lastLagReport = System.nanoTime();

    private ControlPlaneBench(BenchStack stack, BenchTracker tracker, BenchWorker worker) {
        this.stack = stack;
        this.tracker = tracker;
        this.worker = worker;
    }

    public static void main(String[] args) throws Exception {
        Duration commitInterval = Duration.ofMillis(Long.getLong("bench.commit-interval", 25));
        try (BenchStack stack = BenchStack.start()) {
            BenchPipelines.deployAll(stack);
            try (BenchTracker tracker = BenchTracker.start(stack, commitInterval);
                 BenchWorker worker = new BenchWorker(stack)) {
                var bench = new ControlPlaneBench(stack, tracker, worker);
                bench.result("machine", machine());
                bench.result("tracker commit interval", commitInterval.toMillis() + " ms (exactly_once_v2, 1 stream thread, 2 trigger partitions)");
                // The backlog first: finished runs leave RocksDB tombstones that the backlog's scans would step over.
                bench.backlog(Integer.getInteger("bench.backlog.runs", 1_000_000));
                bench.latency(Integer.getInteger("bench.latency.runs", 2000), Integer.getInteger("bench.latency.rate", 100));
                bench.throughput(Duration.ofSeconds(Integer.getInteger("bench.throughput.seconds", 60)),
                        Integer.getInteger("bench.throughput.window", 5000));
                bench.print();
            }
        }
        // Kafka and Micronaut leave non-daemon threads behind.
        System.exit(0);
    }

    /** (a) One trigger at a time at a steady rate; each run's first command timed against its trigger. */
    private void latency(int runs, int perSecond) throws InterruptedException {
        progress("latency: " + runs + " triggers at " + perSecond + "/s");
        Map<String, Long> producedAt = new HashMap<>();
        long period = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        try (TriggerSender sender = new TriggerSender(stack, false)) {
            for (int n = 0; n < runs; n++) {
                long due = start + n * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                producedAt.put(TriggerSender.runId(BenchPipelines.LATENCY, n), sender.sendAndWait(BenchPipelines.LATENCY, n));
            }
        }
        Waits.until("every latency run's first command", Duration.ofMinutes(2),
                () -> worker.latencyArrivals().keySet().containsAll(producedAt.keySet()));
        List<Long> endToEnd = new ArrayList<>();
        List<Long> untilProcessed = new ArrayList<>();
        worker.latencyArrivals().forEach((runId, arrival) -> {
            long produced = producedAt.get(runId);
            endToEnd.add(arrival.receivedAt() - produced);
            untilProcessed.add(arrival.commandTimestamp() - produced);
        });
        result("a. trigger -> first command (consumer receipt)", Percentiles.of(endToEnd).toString());
        result("a. trigger -> command processed (command record timestamp)", Percentiles.of(untilProcessed).toString());
    }

    /** (b) Triggers as fast as the tracker takes them, with a bounded number of runs in flight. */
    private void throughput(Duration duration, int window) throws InterruptedException {
        progress("throughput: " + duration.toSeconds() + " s, at most " + window + " runs in flight");
        try (RunOutcomes outcomes = new RunOutcomes(stack, BenchPipelines.THROUGHPUT, RunEventType.SUCCEEDED);
             TriggerSender sender = new TriggerSender(stack, true)) {
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            long sent = 0;
            while (System.nanoTime() < end) {
                if (sent - outcomes.count() < window) {
                    sender.send(BenchPipelines.THROUGHPUT, sent++);
                } else {
                    sender.flush();
                    Waits.sleep(Duration.ofMillis(5));
                }
            }
            long succeeded = outcomes.count();
            double minutes = (System.nanoTime() - start) / 60e9;
            result("b. runs SUCCEEDED per minute", "%.0f (%d runs in %.1f s, %d triggers sent)"
                    .formatted(succeeded / minutes, succeeded, minutes * 60, sent));
            sender.flush();
            long total = sent;
            Waits.until("the throughput runs to drain", Duration.ofMinutes(5), () -> outcomes.count() >= total);
        }
    }

    /** (c) A million runs queued behind one that never finishes; heap after GC and state size on disk. */
    private void backlog(int runs) throws Exception {
        System.gc();
        long before = usedHeap();
        progress("backlog: " + runs + " triggers behind one hung run");
        long start = System.nanoTime();
        long published;
        long consumed;
        try (RunOutcomes queued = new RunOutcomes(stack, BenchPipelines.BACKLOG, RunEventType.QUEUED)) {
            try (TriggerSender sender = new TriggerSender(stack, true)) {
                for (int n = 0; n < runs; n++) {
                    sender.send(BenchPipelines.BACKLOG, n);
                }
                sender.flush();
            }
            published = System.nanoTime();
            try (Admin admin = stack.admin()) {
                Waits.until("the tracker to consume every trigger", Duration.ofMinutes(30), () -> lagIsZero(admin));
            }
            consumed = System.nanoTime();
            // Proof that the triggers became runs: all but the first, which holds the one slot, queued.
            Waits.until("a QUEUED event for every run but the first", Duration.ofMinutes(5), () -> queued.count() >= runs - 1);
            result("c. QUEUED run events on the runs topic", String.valueOf(queued.count()));
        }
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        long after = usedHeap();
        result("c. triggers published / consumed by tracker", "%d in %.1f s / all in %.1f s (%.0f triggers/s)".formatted(
                runs, (published - start) / 1e9, (consumed - start) / 1e9, runs / ((consumed - start) / 1e9)));
        result("c. heap used after System.gc() (whole JVM)", "%d MB with backlog, %d MB before it (total %d MB, max %d MB)"
                .formatted(mb(after), mb(before), mb(runtime.totalMemory()), mb(runtime.maxMemory())));
        result("c. tracker state dir (RocksDB)", "%d MB at %s".formatted(mb(tracker.stateDirBytes()), tracker.stateDir()));
    }

    private boolean lagIsZero(Admin admin) {
        try {
            long lag = tracker.lag(admin, stack.topics().triggers());
            if (System.nanoTime() - lastLagReport > 30e9) {
                lastLagReport = System.nanoTime();
                progress("backlog: " + lag + " triggers not yet consumed by the tracker, heap used " + mb(usedHeap()) + " MB");
            }
            return lag == 0;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the tracker's consumer lag", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the tracker's consumer lag", e);
        }
    }

    /** Keeps a result for the final table and shows it at once, so that a long run shows progress. */
    private void result(String what, String value) {
        results.put(what, value);
        progress(what + ": " + value);
    }

    private void print() {
        int width = results.keySet().stream().mapToInt(String::length).max().orElse(0);
        System.out.println();
        System.out.println("Conveyor control-plane benchmark");
        results.forEach((what, value) -> System.out.printf("  %-" + width + "s | %s%n", what, value));
    }

    private static String machine() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return "%d cpus, %d MB RAM, Java %s, -Xmx %d MB".formatted(Runtime.getRuntime().availableProcessors(),
                mb(os.getTotalMemorySize()), Runtime.version(), mb(Runtime.getRuntime().maxMemory()));
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }

    private static void progress(String step) {
        System.out.println("[bench] " + step);
    }
}
