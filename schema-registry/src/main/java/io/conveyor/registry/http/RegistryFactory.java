package io.conveyor.registry.http;

import io.conveyor.kafka.KafkaConnection;
import io.conveyor.registry.core.SchemaRegistry;
import io.conveyor.registry.store.KafkaRegistryStore;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

@Factory
@Requires(env = SchemaRegistryApplication.ENVIRONMENT)
class RegistryFactory {

    /** Opened at start-up, so a registry that cannot reach its storage never reports itself ready. */
    @Context
    @Bean(preDestroy = "close")
    KafkaRegistryStore store(RegistryConfiguration configuration, KafkaConnection kafka) {
        return KafkaRegistryStore.open(configuration.storeSettings(kafka));
    }

    @Singleton
    SchemaRegistry registry(KafkaRegistryStore store) {
        return new SchemaRegistry(store);
    }
}
