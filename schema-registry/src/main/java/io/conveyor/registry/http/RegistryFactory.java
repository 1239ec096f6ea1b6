package io.conveyor.registry.http;

import io.conveyor.registry.core.SchemaRegistry;
import io.conveyor.registry.store.KafkaRegistryStore;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

@Factory
@Requires(env = SchemaRegistryApplication.ENVIRONMENT)
class RegistryFactory {

    @Singleton
    @Bean(preDestroy = "close")
    KafkaRegistryStore store(RegistryConfiguration configuration) {
        return KafkaRegistryStore.open(configuration.storeSettings());
    }

    @Singleton
    SchemaRegistry registry(KafkaRegistryStore store) {
        return new SchemaRegistry(store);
    }
}
