package io.conveyor.extractor.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private static final TopicPartition P0 = new TopicPartition("commands", 0);
    private static final TopicPartition P1 = new TopicPartition("commands", 1);

    @Test
    void commitsOnlyPastTheFirstCommandStillRunning() {
        OffsetTracker tracker = new OffsetTracker();
        tracker.received(P0, 5);
        tracker.received(P0, 6);
        tracker.received(P0, 7);
        tracker.done(P0, 6);
        assertThat(tracker.committable()).isEmpty();
        tracker.done(P0, 5);
        assertThat(tracker.committable()).containsEntry(P0, new OffsetAndMetadata(7));
        assertThat(tracker.committable()).as("nothing new to commit").isEmpty();
        tracker.done(P0, 7);
        assertThat(tracker.committable()).containsEntry(P0, new OffsetAndMetadata(8));
    }

    @Test
    void keepsPartitionsApartAndForgetsRevokedOnes() {
        OffsetTracker tracker = new OffsetTracker();
        tracker.received(P0, 1);
        tracker.received(P1, 1);
        tracker.done(P1, 1);
        tracker.forget(P0);
        tracker.done(P0, 1);
        assertThat(tracker.committable()).containsOnlyKeys(P1);
    }
}
