package io.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/monitoring: the alert rules as Prometheus reads them: {@code promtool check rules}
 * (Debian's prometheus package, which .ci/run installs) accepts it, its unit tests
 * (prometheus-rules.test.yml: series fed minute by minute, the alerts expected at given times) pass
 * under {@code promtool test rules}, and every metric an alert reads is one docs/metrics.md lists
 * (MetricsIT in e2e scrapes each documented metric from a running stack); the Prometheus configuration
 * of the compose profile is valid; the Grafana dashboard's queries read documented metrics only.
 */
class MonitoringTest {

    private static final Path MONITORING = DeployPaths.project().resolve("deploy/monitoring");
    private static final Pattern METRIC = Pattern.compile("\\b((?:conveyor|kafka|jvm)_[a-z_]+)\\b");

    @Test
    void promtoolAcceptsTheRulesAndTheirUnitTestsPass() {
        String checked = Commands.run(List.of("promtool", "check", "rules", "prometheus-rules.yml"), MONITORING);
        assertThat(checked).contains("SUCCESS: 8 rules found");

        String tested = Commands.run(List.of("promtool", "test", "rules", "prometheus-rules.test.yml"), MONITORING);
        assertThat(tested).contains("SUCCESS");
    }

    @Test
    void everyMetricAnAlertReadsIsADocumentedMetric() throws Exception {
        Set<String> read = metricsIn(Files.readString(MONITORING.resolve("prometheus-rules.yml")));

        assertThat(read).contains("conveyor_runs", "conveyor_task_records_total", "kafka_consumer_fetch_manager_records_lag")
                .allSatisfy(MonitoringTest::assertDocumented);
    }

    @Test
    void theComposeProfilesPrometheusConfigurationIsValid() {
        String checked = Commands.run(List.of("promtool", "check", "config", "--syntax-only", "prometheus.yml"), MONITORING);
        assertThat(checked).contains("SUCCESS");
    }

    @Test
    void everyDashboardPanelQueriesDocumentedMetricsOfThePipelinesChosen() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(MONITORING.resolve("grafana-dashboard.json").toFile());
        assertThat(dashboard.path("uid").asText()).isEqualTo("conveyor-overview");
        List<Integer> ids = new ArrayList<>();
        Set<String> read = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            ids.add(panel.path("id").asInt());
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                assertThat(expr).as(panel.path("title").asText()).isNotBlank();
                if (expr.contains("conveyor_")) {
                    assertThat(expr).as("%s follows the pipeline variable", panel.path("title")).contains("$pipeline");
                }
                read.addAll(metricsIn(expr));
            }
        }
        assertThat(ids).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(8);
        assertThat(read).contains("conveyor_runs", "conveyor_run_last_duration_seconds", "conveyor_task_batch_seconds_sum")
                .allSatisfy(MonitoringTest::assertDocumented);
    }

    private static Set<String> metricsIn(String text) {
        Set<String> names = new TreeSet<>();
        for (Matcher metric = METRIC.matcher(text); metric.find(); ) {
            names.add(metric.group(1));
        }
        return names;
    }

    /** A timer's _count/_sum/_max series are documented under the timer's name. */
    private static void assertDocumented(String name) {
        String documented;
        try {
            documented = Files.readString(DeployPaths.project().resolve("docs/metrics.md"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String base = name.replaceAll("_(count|sum|max)$", "");
        assertThat(documented).as("docs/metrics.md documents %s", name).containsAnyOf("`" + name + "`", "`" + base + "`");
    }
}
