package io.conveyor.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conveyor.e2e.harness.CustomerCsv;
import io.conveyor.e2e.harness.CustomerPipeline;
import io.conveyor.e2e.harness.StackPipelines;
import io.conveyor.e2e.harness.ServiceFleet;
import io.conveyor.e2e.harness.ServiceProcess;
import io.conveyor.e2e.harness.TargetDatabase;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two new pipelines whose transform has a {@code dedupe} rule, deployed at the same moment and
 * triggered at the same moment, both complete with exact counts, round after round. Each
 * transform worker creates its task's dedupe changelog when it starts and reads the changelog's
 * end offset when it gets its partitions; a changelog created a moment ago may not be in every
 * metadata cache yet ({@code UnknownTopicOrPartitionException}). Before the workers retried that
 * (dataplane.failure.FailurePolicy), the worker died ("failed and stops") and the task stayed READY
 * for ever, so the run never ended.
 */
@ExtendWith(ConveyorStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentDedupePipelinesIT {

    private static final Logger LOG = LoggerFactory.getLogger(ConcurrentDedupePipelinesIT.class);
    private static final int ROUNDS = 5;
    /** Written twice over: every row comes twice, so the dedupe rule drops one of each good pair. */
    private static final CustomerCsv CSV = new CustomerCsv(2_000, 0, 500);

    private ConveyorStack stack;
    private ServiceFleet fleet;
    private TargetDatabase database;
    private StackPipelines pipelines;
    private List<ServiceProcess> transformers;
    private Path csv;

    @BeforeAll
    void startTheServices(ConveyorStack stack) throws IOException {
        this.stack = stack;
        String installation = ConveyorStack.uniqueName("dedupe-race");
        fleet = new ServiceFleet(stack, installation, 2);
        database = new TargetDatabase(installation.replace('-', '_'));
        csv = Files.createDirectories(fleet.logs()).resolve("customers-twice.csv");
        writeTwice(csv);
        ServiceProcess scheduler = fleet.scheduler("scheduler-1");
        // Two transformers: both start a worker for each new task, so both race to create and read its changelog.
        transformers = List.of(fleet.transformer("transformer-1", "256m"), fleet.transformer("transformer-2", "256m"));
        ServiceFleet.startAll(List.of(scheduler, fleet.extractor("extractor-1", "256m"), fleet.extractor("extractor-2", "256m"),
                transformers.get(0), transformers.get(1), fleet.loader("loader-1", "256m")));
        pipelines = new StackPipelines(stack, fleet.names(), scheduler);
    }

    @AfterAll
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void twoDedupePipelinesDeployedAndTriggeredAtTheSameMomentBothCompleteRoundAfterRound() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            List<CustomerPipeline> pair = List.of(pipeline(round, "a"), pipeline(round, "b"));
            for (CustomerPipeline pipeline : pair) {
                database.createCustomers(pipeline.table());
            }
            long started = System.nanoTime();
            atTheSameMoment(pair, pipeline -> pipelines.deploy(pipeline.yamlWithDedupe(), pipeline.name() + ".yaml"));
            List<String> runs = atTheSameMoment(pair, pipeline -> pipelines.startOverRest(pipeline.name(), pipeline.name()));
            for (int i = 0; i < pair.size(); i++) {
                JsonNode detail = pipelines.awaitOutcome(runs.get(i), Duration.ofMinutes(3));
                assertExact(detail, pair.get(i));
            }
            LOG.info("Round {}: {} and {} deployed and triggered together, both exact in {} ms", round, runs.get(0), runs.get(1),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
        for (ServiceProcess transformer : transformers) {
            // Whether the race happened this time (it is not forced): the retries the workers logged for it.
            long retried = Files.readAllLines(transformer.log()).stream()
                    .filter(line -> line.contains("retrying") && line.contains("UnknownTopicOrPartition")).count();
            LOG.info("{} retried an unknown topic or partition {} times", transformer.name(), retried);
        }
    }

    private CustomerPipeline pipeline(int round, String which) {
        return new CustomerPipeline("dd-" + round + which, csv, database.schema(), "customers_" + round + which, 500);
    }

    /** Runs {@code action} for both pipelines on two threads released together; returns the results in order. */
    private static <T> List<T> atTheSameMoment(List<CustomerPipeline> pair, Function<CustomerPipeline, T> action) {
        CyclicBarrier together = new CyclicBarrier(pair.size());
        // A thread each (the common pool may have a single thread on 2 cores, and the barrier needs both).
        ExecutorService threads = Executors.newFixedThreadPool(pair.size());
        try {
            List<CompletableFuture<T>> futures = pair.stream().map(pipeline -> CompletableFuture.supplyAsync(() -> {
                try {
                    together.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return action.apply(pipeline);
            }, threads)).toList();
            return futures.stream().map(CompletableFuture::join).toList();
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Every row twice: the extractor rejects both copies of a bad row, the transformer rejects both
     * copies of a row its rules refuse and drops the second copy of the others; the loader then sees
     * each remaining row once.
     */
    private void assertExact(JsonNode detail, CustomerPipeline pipeline) {
        CustomerCsv.Expected once = CSV.expected();
        long lines = 2 * once.rows();
        long extracted = lines - 2 * once.extractRejects();
        long cleaned = once.rows() - once.extractRejects() - once.transformRejects();
        assertThat(StackPipelines.status(detail)).as("outcome of %s", detail).isEqualTo("SUCCEEDED_WITH_REJECTS");
        for (JsonNode task : detail.at("/tasks")) {
            assertThat(task.at("/task/status").asText()).as("status of %s", task).isEqualTo("SUCCEEDED");
        }
        assertCounts(detail.at("/tasks/0/task/counts"), lines, extracted, 2 * once.extractRejects(), 0);
        assertCounts(detail.at("/tasks/1/task/counts"), extracted, cleaned, 2 * once.transformRejects(), cleaned);
        assertCounts(detail.at("/tasks/2/task/counts"), cleaned, once.loaded(), once.loadRejects(), 0);
        TargetDatabase.Content content = database.content(pipeline.table());
        assertThat(content.rows()).as("rows of %s", pipeline.table()).isEqualTo(once.loaded());
        assertThat(content.checksum()).as("content checksum of %s", pipeline.table()).isEqualTo(once.checksum());
    }

    private static void assertCounts(JsonNode counts, long in, long out, long rejected, long dropped) {
        assertThat(counts.at("/recordsIn").asLong()).as("recordsIn of %s", counts).isEqualTo(in);
        assertThat(counts.at("/recordsOut").asLong()).as("recordsOut of %s", counts).isEqualTo(out);
        assertThat(counts.at("/recordsRejected").asLong()).as("recordsRejected of %s", counts).isEqualTo(rejected);
        assertThat(counts.at("/recordsDropped").asLong()).as("recordsDropped of %s", counts).isEqualTo(dropped);
    }

    private static void writeTwice(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("id,name,email,amount\n");
            for (int copy = 0; copy < 2; copy++) {
                for (long i = 1; i <= CSV.rows(); i++) {
                    out.write(CSV.line(i));
                    out.write('\n');
                }
            }
        }
    }
}
