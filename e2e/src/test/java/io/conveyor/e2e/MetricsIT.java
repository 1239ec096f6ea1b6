package io.conveyor.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conveyor.e2e.harness.CustomerCsv;
import io.conveyor.e2e.harness.CustomerPipeline;
import io.conveyor.e2e.harness.CustomerStack;
import io.conveyor.e2e.harness.Progress;
import io.conveyor.e2e.harness.RunChecks;
import io.conveyor.e2e.harness.ServiceFleet;
import io.conveyor.e2e.harness.ServiceProcess;
import io.conveyor.e2e.harness.StackPipelines;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * GET /prometheus of every service of a stack of processes, scraped while a run is going on and
 * after it: the per-task record counters of the extractor, transformer and loader equal the run's
 * counts (the tracker's, from the task status reports), the scheduler's run gauges show the run by
 * its outcome, and every service exports the JVM and Kafka consumer metrics the dashboard and the
 * alert rules use (docs/metrics.md).
 */
@ExtendWith(ConveyorStackExtension.class)
class MetricsIT {

    private static final CustomerCsv CSV = new CustomerCsv(60_000, 0, 5_000);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private CustomerStack deployed;

    @Test
    void thePerTaskCountersOfEveryServiceEqualTheRunsCountsAndTheRunGaugesShowItsOutcome(ConveyorStack stack) throws Exception {
        // An alert channel, so the scheduler's notifier runs and exports its delivery counters (at 0).
        deployed = CustomerStack.start(stack, "metrics", CSV, Map.of("CONVEYOR_ALERTS_WEBHOOKS", "ops:json:http://127.0.0.1:9/unused"));
        CustomerPipeline pipeline = deployed.pipeline();
        StackPipelines pipelines = deployed.pipelines();
        ServiceFleet fleet = deployed.fleet();
        ServiceProcess scheduler = deployed.scheduler();
        ServiceProcess extractor = deployed.extractor();
        ServiceProcess transformer = deployed.transformer();
        ServiceProcess loader = deployed.loader();

        String runId;
        try (Progress progress = new Progress(stack)) {
            runId = pipelines.startOverRest(pipeline.name(), "metrics-1");
            String extracted = fleet.names().data(pipeline.name(), CustomerPipeline.EXTRACT);
            Progress.awaitAtLeast("extracted records", 20_000, () -> progress.written(extracted));
            // While the run goes on: what is counted is committed, so never more than the run will end with.
            double extractingIn = sum(scrape(extractor), "conveyor_task_records_total",
                    Map.of("pipeline", pipeline.name(), "task", CustomerPipeline.EXTRACT, "outcome", "in"));
            assertThat(extractingIn).isPositive().isLessThanOrEqualTo(CSV.rows());
        }
        JsonNode detail = pipelines.awaitOutcome(runId, Duration.ofMinutes(10));
        RunChecks.assertRunDetail(detail, CSV);

        Map<String, ServiceProcess> services = Map.of(CustomerPipeline.EXTRACT, extractor, CustomerPipeline.CLEAN, transformer,
                CustomerPipeline.LOAD, loader);
        for (JsonNode task : detail.at("/tasks")) {
            String taskId = task.at("/task/taskId").asText();
            List<Sample> samples = scrape(services.get(taskId));
            JsonNode counts = task.at("/task/counts");
            Map<String, String> labels = Map.of("pipeline", pipeline.name(), "task", taskId);
            assertThat(sum(samples, "conveyor_task_records_total", with(labels, "outcome", "in"))).as("%s in", taskId)
                    .isEqualTo(counts.at("/recordsIn").asDouble());
            assertThat(sum(samples, "conveyor_task_records_total", with(labels, "outcome", "out"))).as("%s out", taskId)
                    .isEqualTo(counts.at("/recordsOut").asDouble());
            assertThat(sum(samples, "conveyor_task_records_total", with(labels, "outcome", "rejected"))).as("%s rejected", taskId)
                    .isEqualTo(counts.at("/recordsRejected").asDouble());
            assertThat(sum(samples, "conveyor_task_batch_seconds_count", labels)).as("%s batches", taskId).isPositive();
            assertThat(names(samples)).as("metrics of the %s service", taskId).contains("jvm_memory_used_bytes");
            if (!taskId.equals(CustomerPipeline.EXTRACT)) {
                // The task consumer's Kafka client metrics, tagged with the task.
                assertThat(samples).as("%s lag max", taskId).anySatisfy(sample -> {
                    assertThat(sample.name()).isEqualTo("kafka_consumer_fetch_manager_records_lag_max");
                    assertThat(sample.labels()).containsAllEntriesOf(labels);
                });
            }
        }

        // The scheduler's gauges are folded from its stores every 10 s.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Sample> schedulerSamples = scrape(scheduler);
        while (sum(schedulerSamples, "conveyor_runs", Map.of("pipeline", pipeline.name(), "status", "SUCCEEDED_WITH_REJECTS")) < 1
                && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            schedulerSamples = scrape(scheduler);
        }
        assertThat(sum(schedulerSamples, "conveyor_runs", Map.of("pipeline", pipeline.name(), "status", "SUCCEEDED_WITH_REJECTS")))
                .isEqualTo(1.0);
        assertThat(sum(schedulerSamples, "conveyor_runs", Map.of("pipeline", pipeline.name(), "status", "QUEUED"))).isZero();
        assertThat(sum(schedulerSamples, "conveyor_run_last_duration_seconds", Map.of("pipeline", pipeline.name(),
                "status", "SUCCEEDED_WITH_REJECTS"))).isPositive();
        // The lag of each assigned input partition: Kafka creates that client metric at the partition's first fetch,
        // and Micrometer's binder looks for new client metrics once a minute.
        for (String taskId : List.of(CustomerPipeline.CLEAN, CustomerPipeline.LOAD)) {
            Map<String, String> labels = Map.of("pipeline", pipeline.name(), "task", taskId);
            long lagDeadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            List<Sample> samples = scrape(services.get(taskId));
            while (samples.stream().noneMatch(sample -> isLag(sample, labels)) && System.nanoTime() < lagDeadline) {
                Thread.sleep(2_000);
                samples = scrape(services.get(taskId));
            }
            assertThat(samples.stream().filter(sample -> isLag(sample, labels)).toList()).as("partition lags of %s", taskId)
                    .isNotEmpty().allSatisfy(sample -> {
                        assertThat(sample.labels()).containsKeys("topic", "partition");
                        // The run is over: nothing of its input waits.
                        assertThat(sample.value()).isZero();
                    });
        }
        // Every metric docs/metrics.md names is exported by some service of the stack.
        Set<String> exported = new TreeSet<>();
        for (ServiceProcess service : List.of(scheduler, extractor, transformer, loader)) {
            scrape(service).forEach(sample -> exported.addAll(namesOf(sample)));
        }
        scrape(stack.registryUrl()).forEach(sample -> exported.addAll(namesOf(sample)));
        String documentation = Files.readString(Path.of(System.getProperty("conveyor.project.dir", ".."), "docs/metrics.md"));
        Set<String> documented = new TreeSet<>();
        for (Matcher name = DOCUMENTED.matcher(documentation); name.find(); ) {
            documented.add(name.group(1));
        }
        assertThat(documented).hasSizeGreaterThan(10).allSatisfy(name ->
                assertThat(exported).as("a service exports %s, which docs/metrics.md names", name).contains(name));
        assertThat(names(scrape(stack.registryUrl()))).as("the registry's metrics").contains("jvm_memory_used_bytes",
                "http_server_requests_seconds_count");
    }

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern DOCUMENTED = Pattern.compile("`((?:conveyor|kafka|jvm|process|system|http|logback)_[a-z_]+)`");
    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private static List<Sample> scrape(ServiceProcess service) throws IOException, InterruptedException {
        return scrape(service.url());
    }

    /** The Prometheus text exposition of GET {url}/prometheus, one sample a line. */
    private static List<Sample> scrape(String url) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/prometheus"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("GET %s/prometheus: %s", url, answer.body()).isEqualTo(200);
        List<Sample> samples = new ArrayList<>();
        for (String line : answer.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = LINE.matcher(line.strip());
            assertThat(sample.matches()).as("a sample line: %s", line).isTrue();
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
        return samples;
    }

    private static double sum(List<Sample> samples, String name, Map<String, String> labels) {
        return samples.stream().filter(sample -> sample.name().equals(name))
                .filter(sample -> sample.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    /** The sample's name, and the timer's or histogram's name for its _count, _sum, _max and _bucket series. */
    private static List<String> namesOf(Sample sample) {
        return List.of(sample.name(), sample.name().replaceAll("_(count|sum|max|bucket)$", ""));
    }

    private static boolean isLag(Sample sample, Map<String, String> labels) {
        return sample.name().equals("kafka_consumer_fetch_manager_records_lag")
                && sample.labels().entrySet().containsAll(labels.entrySet());
    }

    private static List<String> names(List<Sample> samples) {
        return samples.stream().map(Sample::name).distinct().toList();
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(labels);
        more.put(key, value);
        return more;
    }

    @AfterEach
    void stop() {
        if (deployed != null) {
            deployed.close();
        }
    }
}
