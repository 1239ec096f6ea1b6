package io.conveyor.scheduler.tracker;

import io.conveyor.control.RunIds;
import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.control.RunEvent;
import io.conveyor.control.RunEventType;
import io.conveyor.scheduler.tracker.ScriptedWorker.Behaviour;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import io.micronaut.inject.qualifiers.Qualifiers;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ConveyorStackExtension.class)
class RunRetentionTest {

    @Test
    void finishedRunsAreDeletedWithTheirIndexEntriesOnceTheRetentionPassed(ConveyorStack stack) throws Exception {
        try (TrackerHarness harness = new TrackerHarness(stack)) {
            harness.deploy(Fixtures.version("diamond", 1));
            ApplicationContext tracker = harness.startTracker(Map.of("conveyor.tracker.retention", "1s"));
            String runId = RunIds.scheduled("diamond", Instant.parse("2026-03-01T02:00:00Z"));
            try (ScriptedWorker worker = harness.worker(command -> Behaviour.SUCCEED);
                 TopicReader<RunEvent> events = harness.runEvents()) {
                harness.start("diamond", Instant.parse("2026-03-01T02:00:00Z"), 0);
                events.await("the run to succeed", e -> e.getRunId().equals(runId) && e.getType() == RunEventType.SUCCEEDED);
            }

            KafkaStreams streams = tracker.getBean(KafkaStreams.class, Qualifiers.byName(TrackerFactory.TRACKER));
            Awaits.until("the run to expire", Duration.ofSeconds(60), () -> store(streams, TrackerStores.RUNS).get(runId) == null);

            assertThat(count(store(streams, TrackerStores.RUNS_BY_TIME))).isZero();
            assertThat(count(store(streams, TrackerStores.RUNS_BY_PIPELINE))).isZero();
        }
    }

    private static <V> ReadOnlyKeyValueStore<String, V> store(KafkaStreams streams, String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }

    private static long count(ReadOnlyKeyValueStore<String, Object> store) {
        long count = 0;
        try (var all = store.all()) {
            while (all.hasNext()) {
                all.next();
                count++;
            }
        }
        return count;
    }
}
