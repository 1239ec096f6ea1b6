package io.conveyor.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KafkaConnectionTest {

    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"secret\";";

    @Test
    void everyClientGetsTheClusterTheRegistryWithCredentialsAndEveryPassThroughProperty() {
        KafkaConnection connection = new KafkaConnection("b:9092", "acme", Optional.of("http://r:8081"), Optional.of("ru:rp"),
                Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN", "sasl.jaas.config", JAAS));

        assertThat(connection.clientConfig()).containsEntry("bootstrap.servers", "b:9092")
                .containsEntry("schema.registry.url", "http://r:8081")
                .containsEntry("basic.auth.credentials.source", "USER_INFO")
                .containsEntry("basic.auth.user.info", "ru:rp")
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.jaas.config", JAAS);
        assertThat(connection.adminConfig()).containsEntry("bootstrap.servers", "b:9092")
                .containsEntry("sasl.mechanism", "PLAIN").doesNotContainKey("schema.registry.url");
        assertThat(connection.topicPrefix()).isEqualTo("acme");
    }

    @Test
    void theHyphenatedSpellingsMicronautDerivesFromAnEnvironmentVariableAreDropped() {
        KafkaConnection connection = new KafkaConnection("b:9092", "", Optional.empty(), Optional.empty(),
                Map.of("client.rack", "eu-1a", "client-rack", "eu-1a", "client.rack-x", "y"));

        assertThat(connection.properties()).containsExactly(Map.entry("client.rack", "eu-1a"));
        assertThat(connection.topicPrefix()).isEqualTo("conveyor");
    }

    @Test
    void aMissingClusterIsNamedByItsKeyAndEnvironmentVariable() {
        assertThatThrownBy(() -> new KafkaConnection(" ", "", Optional.empty(), Optional.empty(), Map.of()))
                .hasMessageContaining("conveyor.kafka.bootstrap-servers")
                .hasMessageContaining("CONVEYOR_KAFKA_BOOTSTRAP_SERVERS");
        assertThatThrownBy(() -> KafkaConnection.of("b:1").requireSchemaRegistryUrl())
                .hasMessageContaining("CONVEYOR_KAFKA_SCHEMA_REGISTRY_URL");
    }

    @Test
    void aPassThroughPropertyCannotContradictTheKeyThatOwnsIt() {
        assertThatThrownBy(() -> new KafkaConnection("b:9092", "", Optional.empty(), Optional.empty(),
                Map.of("bootstrap.servers", "other:9092")))
                .hasMessageContaining("conveyor.kafka.properties.bootstrap.servers")
                .hasMessageContaining("conveyor.kafka.bootstrap-servers");
    }

    @Test
    void credentialsNeverAppearInItsDescription() {
        KafkaConnection connection = KafkaConnection.of("b:9092").withProperties(Map.of("sasl.jaas.config", JAAS));

        assertThat(connection.toString()).contains("sasl.jaas.config").doesNotContain("secret");
    }
}
