package io.conveyor.scheduler.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.control.TriggerKind;
import io.conveyor.schemas.TopicNames;
import io.conveyor.scheduler.dag.RecordCounts;
import io.conveyor.scheduler.dag.RunInput.RunStarted;
import io.conveyor.scheduler.dag.RunInput.TaskFailed;
import io.conveyor.scheduler.dag.RunMachine;
import io.conveyor.scheduler.dag.RunState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunJsonTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aRunWithTimingsSkipsAndPartitionProgressReadsBackEqual() throws Exception {
        PinnedPipeline pinned = PinnedPipeline.pin(Fixtures.version("retrying", 4), TopicNames.defaults());
        RunState state = RunState.queued("retrying@m-1", "retrying", 4, Map.of("a", "b"), 3, NOW, pinned.dag());
        state = RunMachine.apply(state, new RunStarted(), NOW).next();
        state = RunMachine.apply(state, new TaskFailed("extract", 1, "boom"), NOW.plusSeconds(1)).next();
        TrackedRun run = new TrackedRun(state, TriggerKind.MANUAL, NOW, 5, pinned.launches(), pinned.deadLetterTopic(),
                Map.of("extract", PartitionProgress.of(1, 2).record(1, new RecordCounts(6, 2, 3, 1))));

        var serde = RunJson.serde();
        byte[] json = serde.serializer().serialize("t", run);

        assertThat(serde.deserializer().deserialize("t", json)).isEqualTo(run);
        assertThat(new String(json)).doesNotContain("\"failure\"").contains("\"retryAt\":\"2026-01-01T00:00:01.200Z\"");
    }

    @Test
    void aRunStoredBeforeDroppedRecordsWereCountedReadsThemAsZero() throws Exception {
        PinnedPipeline pinned = PinnedPipeline.pin(Fixtures.version("retrying", 4), TopicNames.defaults());
        RunState state = RunState.queued("retrying@m-2", "retrying", 4, Map.of(), 3, NOW, pinned.dag());
        TrackedRun run = new TrackedRun(state, TriggerKind.MANUAL, NOW, 5, pinned.launches(), pinned.deadLetterTopic(),
                Map.of("extract", PartitionProgress.of(1, 2).record(1, new RecordCounts(6, 2, 3, 1))));
        var serde = RunJson.serde();
        String stored = new String(serde.serializer().serialize("t", run), StandardCharsets.UTF_8);
        String older = stored.replaceAll(",\\s*\"recordsDropped\"\\s*:\\s*\\d+", "");
        assertThat(older).isNotEqualTo(stored).doesNotContain("recordsDropped");

        TrackedRun read = serde.deserializer().deserialize("t", older.getBytes(StandardCharsets.UTF_8));

        assertThat(read.partitions().get("extract").done().get(1)).isEqualTo(new RecordCounts(6, 2, 3, 0));
    }

    @Test
    void aRunWithAlertSettingsAndARaisedSlaAlertReadsBackEqualAndOneStoredBeforeAlertsReadsWithout() throws Exception {
        PinnedPipeline pinned = PinnedPipeline.pin(Fixtures.version("alerting", 1), TopicNames.defaults());
        RunState state = RunState.queued("alerting@m-1", "alerting", 1, Map.of(), 0, NOW, pinned.dag());
        TrackedRun run = new TrackedRun(state, TriggerKind.MANUAL, NOW, 5, pinned.launches(), pinned.deadLetterTopic(), Map.of(),
                java.util.Optional.empty(), pinned.alerts(), java.util.Optional.empty()).slaAlertedAt(NOW.plusSeconds(2));
        var serde = RunJson.serde();
        String stored = new String(serde.serializer().serialize("t", run), StandardCharsets.UTF_8);

        assertThat(pinned.alerts()).isPresent();
        assertThat(serde.deserializer().deserialize("t", stored.getBytes(StandardCharsets.UTF_8))).isEqualTo(run);
        String older = stored.replaceAll(",\\s*\"alerts\"\\s*:\\s*\\{[^}]*\\}", "").replaceAll(",\\s*\"slaAlerted\"\\s*:\\s*\"[^\"]*\"", "");
        assertThat(older).doesNotContain("alerts").doesNotContain("slaAlerted");
        TrackedRun read = serde.deserializer().deserialize("t", older.getBytes(StandardCharsets.UTF_8));
        assertThat(read.alerts()).isEmpty();
        assertThat(read.slaAlerted()).isEmpty();
    }
}
