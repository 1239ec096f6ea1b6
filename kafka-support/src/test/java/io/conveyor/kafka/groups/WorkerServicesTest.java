package io.conveyor.kafka.groups;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkerServicesTest {

    private final WorkerServices services = new WorkerServices("conveyor", "conveyor-tracker", "conveyor-extractor");

    @Test
    void theServiceOfAGroupFollowsItsName() {
        assertThat(services.serviceOf("conveyor-tracker")).contains("scheduler");
        assertThat(services.serviceOf("conveyor-extractor")).contains("extractor");
        assertThat(services.serviceOf("conveyor.transformer.orders.clean")).contains("transformer");
        assertThat(services.serviceOf("conveyor.loader.orders.load")).contains("loader");
        assertThat(services.serviceOf("conveyor.loader.orders.export.file")).contains("loader");
    }

    @Test
    void theOutboxBookkeepingGroupsAndForeignGroupsAreNotWorkers() {
        assertThat(services.serviceOf("conveyor.loader.orders.load.outbox")).isEmpty();
        assertThat(services.serviceOf("console-consumer-123")).isEmpty();
        assertThat(services.serviceOf("other.transformer.orders.clean")).isEmpty();
    }
}
