package io.conveyor.scheduler.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.kafka.KafkaConnection;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class TrackerPropertiesTest {

    private static TrackerConfiguration configuration(int standbyReplicas) {
        return new TrackerConfiguration(true, "tracker", "/var/lib/conveyor/tracker", "scheduler-0:8080",
                Duration.ofSeconds(1), Duration.ofDays(7), 1, 3, standbyReplicas, Duration.ofSeconds(30),
                Duration.ofMillis(25), Optional.of("scheduler-0"));
    }

    @Test
    void theStreamsSettingsCarryTheStandbyReplicasAndTheSharedClientSecurity() {
        KafkaConnection kafka = KafkaConnection.of("kafka:9092")
                .withProperties(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN"));

        Properties props = TrackerFactory.properties(configuration(1), kafka);

        assertThat(props).containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1)
                .containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, 3)
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092");
        // What Kafka Streams itself makes of them: the settings are valid together.
        assertThat(new StreamsConfig(props).getInt(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(1);
    }

    @Test
    void withoutStandbyReplicasConfiguredThereAreNone() {
        Properties props = TrackerFactory.properties(configuration(0), KafkaConnection.of("kafka:9092"));

        assertThat(new StreamsConfig(props).getInt(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isZero();
    }
}
