package io.conveyor.kafka.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.kafka.KafkaConnection;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaConfigurationFactoryTest {

    @Test
    void environmentVariablesBindTheOneSharedConnection() {
        // The same convention Micronaut applies to the process environment.
        PropertySource environment = PropertySource.of("env", Map.of(
                "CONVEYOR_KAFKA_BOOTSTRAP_SERVERS", "broker:9093",
                "CONVEYOR_KAFKA_TOPIC_PREFIX", "acme",
                "CONVEYOR_KAFKA_SCHEMA_REGISTRY_URL", "http://registry:8081",
                "CONVEYOR_KAFKA_SCHEMA_REGISTRY_USER_INFO", "svc:pw",
                "CONVEYOR_KAFKA_PROPERTIES_SECURITY_PROTOCOL", "SASL_SSL",
                "CONVEYOR_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", "a b=\"c\";",
                "CONVEYOR_KAFKA_PROPERTIES_CLIENT_RACK", "eu-1a"), PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE);
        try (ApplicationContext context = ApplicationContext.builder().propertySources(environment).start()) {
            KafkaConnection connection = context.getBean(KafkaConnection.class);

            assertThat(connection.bootstrapServers()).isEqualTo("broker:9093");
            assertThat(connection.topicPrefix()).isEqualTo("acme");
            assertThat(connection.schemaRegistryUrl()).contains("http://registry:8081");
            assertThat(connection.schemaRegistryUserInfo()).contains("svc:pw");
            assertThat(connection.properties()).isEqualTo(Map.of("security.protocol", "SASL_SSL",
                    "sasl.jaas.config", "a b=\"c\";", "client.rack", "eu-1a"));
        }
    }

    @Test
    void propertiesBindFromConfigurationFilesToo() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "conveyor.kafka.bootstrap-servers", "b:9092",
                "conveyor.kafka.properties.sasl.mechanism", "PLAIN"))) {
            KafkaConnection connection = context.getBean(KafkaConnection.class);

            assertThat(connection.properties()).containsExactly(Map.entry("sasl.mechanism", "PLAIN"));
            assertThat(connection.topicPrefix()).isEqualTo("conveyor");
            assertThat(connection.schemaRegistryUrl()).isEmpty();
        }
    }
}
