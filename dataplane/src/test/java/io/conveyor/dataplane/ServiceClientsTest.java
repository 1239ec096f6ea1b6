package io.conveyor.dataplane;

import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

class ServiceClientsTest {

    @Test
    void aBlankInstanceIdBecomesANewNamePerStart() {
        assertThat(ServiceClients.instanceId("loader-a", "loader")).isEqualTo("loader-a");
        assertThat(ServiceClients.instanceId("", "loader")).startsWith("loader-")
                .isNotEqualTo(ServiceClients.instanceId("", "loader"));
    }
}
