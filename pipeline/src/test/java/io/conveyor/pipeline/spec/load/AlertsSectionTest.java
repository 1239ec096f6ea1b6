package io.conveyor.pipeline.spec.load;

import static io.conveyor.pipeline.spec.load.Snippets.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.pipeline.spec.AlertSpec;
import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.SecretEnvAllowList;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code alerts:} section: when runs raise alerts and which operator-defined channels hear of them. */
class AlertsSectionTest {

    private static final Trust SCHEDULER = Trust.deployed(SecretEnvAllowList.DEFAULT, false, "conveyor.scheduler.secret-env-allow")
            .withAlertChannels(Set.of("ops", "chat"), "conveyor.alerts.webhooks");

    /** A pipeline whose {@code alerts:} lines start at line 6, column 3. */
    private static String withAlerts(String... lines) {
        StringBuilder yaml = new StringBuilder("name: orders\ntasks:\n  - id: read\n    kind: extract\n    source: {type: csv, path: in.csv}\nalerts:\n");
        for (String line : lines) {
            yaml.append("  ").append(line).append('\n');
        }
        return yaml.toString();
    }

    @Test
    void aPipelineWithoutAlertsRaisesNone() throws Exception {
        PipelineSpec spec = PipelineLoader.parse(withAlerts().replace("alerts:\n", ""), "orders.yaml", SCHEDULER);

        assertThat(spec.alerts()).isEmpty();
    }

    @Test
    void theSectionIsReadWithFailureAlertsOnByDefault() throws Exception {
        PipelineSpec spec = PipelineLoader.parse(withAlerts("sla: 90m", "rejectRate: 5%", "channels: [ops, chat]"),
                "orders.yaml", SCHEDULER);

        assertThat(spec.alerts()).contains(new AlertSpec(Optional.of(Duration.ofMinutes(90)), true, Optional.of(0.05),
                List.of("ops", "chat")));
        assertThat(PipelineSpec.fromCanonicalJson(spec.canonicalJson())).isEqualTo(spec);
    }

    @Test
    void alertsWithoutAChannelGoToTheAlertsTopicOnly() throws Exception {
        PipelineSpec spec = PipelineLoader.parse(withAlerts("onFailure: false", "sla: PT1H"), "orders.yaml", SCHEDULER);

        assertThat(spec.alerts()).contains(new AlertSpec(Optional.of(Duration.ofHours(1)), false, Optional.empty(), List.of()));
    }

    @Test
    void badValuesAreRefusedWhereTheyAreWritten() {
        assertThat(refused(withAlerts("sla: 0s", "rejectRate: 150%", "channels: [Ops!]", "onFail: true"), Trust.LOCAL_FILE))
                .containsExactly(
                        "orders.yaml:7:8: alerts.sla: must be longer than zero",
                        "orders.yaml:8:15: alerts.rejectRate: must be a fraction from 0 to 1 or a percentage from 0% to 100%",
                        "orders.yaml:9:14: alerts.channels[0]: invalid name 'Ops!' (lower-case letters, digits, '_' and '-', starting with a letter or digit, at most 64 characters)",
                        "orders.yaml:10:3: alerts.onFail: unknown key (expected one of sla, onFailure, rejectRate, channels)");
    }

    @Test
    void aDeployedPipelineMayNameOnlyTheChannelsTheSchedulerDefines() {
        assertThat(refused(withAlerts("channels: [ops, https://evil.example/hook]"), SCHEDULER))
                .anySatisfy(problem -> assertThat(problem).startsWith("orders.yaml:7:19: alerts.channels[1]: no alert channel"
                        + " 'https://evil.example/hook' is defined on this scheduler (conveyor.alerts.webhooks: chat, ops)"));
        assertThat(refused(withAlerts("channels: [pager]"), SCHEDULER)).containsExactly(
                "orders.yaml:7:14: alerts.channels[0]: no alert channel 'pager' is defined on this scheduler"
                        + " (conveyor.alerts.webhooks: chat, ops)");
    }
}
