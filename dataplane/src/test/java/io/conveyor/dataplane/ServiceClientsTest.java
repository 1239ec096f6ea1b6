package io.conveyor.dataplane;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceClientsTest {

    @Test
    void passThroughPropertiesCannotOverrideWhereTheServiceConnects() {
        Map<String, Object> config = ServiceClients.config(
                Map.of("bootstrap.servers", "elsewhere:9092", "max.poll.interval.ms", "60000"), "broker:9092", "http://registry:8081");

        assertThat(config).containsEntry("bootstrap.servers", "broker:9092")
                .containsEntry("schema.registry.url", "http://registry:8081")
                .containsEntry("max.poll.interval.ms", "60000");
    }

    @Test
    void aBlankInstanceIdBecomesANewNamePerStart() {
        assertThat(ServiceClients.instanceId("loader-a", "loader")).isEqualTo("loader-a");
        assertThat(ServiceClients.instanceId("", "loader")).startsWith("loader-")
                .isNotEqualTo(ServiceClients.instanceId("", "loader"));
    }
}
