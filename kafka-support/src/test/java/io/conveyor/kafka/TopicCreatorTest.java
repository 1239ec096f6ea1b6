package io.conveyor.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.embedded.kafka.BrokerSettings;
import io.conveyor.embedded.kafka.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TopicCreatorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.start(BrokerSettings.defaults().withSaslPlainUsers(Map.of("svc", "pw")));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void createsMissingTopicsWithTheirSizingAndConfigsAndAcceptsThemOnTheSecondCall() throws Exception {
        KafkaConnection connection = KafkaConnection.of(broker.bootstrapServers());
        List<NewTopic> topics = List.of(new NewTopic("created-plain", Optional.of(3), Optional.empty()),
                TopicCreator.compacted("created-compacted", Optional.empty()));

        TopicCreator.ensure(connection, TIMEOUT, topics);
        TopicCreator.ensure(connection, TIMEOUT, topics);

        try (TopicCreator creator = TopicCreator.connect(connection, TIMEOUT); Admin admin = Admin.create(connection.adminConfig())) {
            assertThat(creator.partitions("created-plain")).isEqualTo(3);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "created-compacted");
            assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource).get("cleanup.policy").value())
                    .isEqualTo("compact");
        }
    }

    @Test
    void anExistingTopicThatMustBeCompactedButDeletesIsRefusedByName() {
        KafkaConnection connection = KafkaConnection.of(broker.bootstrapServers());
        TopicCreator.ensure(connection, TIMEOUT, List.of(new NewTopic("state-but-deleting", Optional.empty(), Optional.empty())));

        assertThatThrownBy(() -> TopicCreator.ensure(connection, TIMEOUT,
                List.of(TopicCreator.compacted("state-but-deleting", Optional.empty()))))
                .isInstanceOf(TopicCreator.TopicCreationException.class)
                .hasMessageContaining("state-but-deleting").hasMessageContaining("cleanup.policy=delete")
                .hasMessageContaining("must be compacted");
    }

    @Test
    void anExistingTopicWithAnotherPartitionCountIsRefusedWhereTheCountIsPartOfTheContract() {
        KafkaConnection connection = KafkaConnection.of(broker.bootstrapServers());
        try (TopicCreator creator = TopicCreator.connect(connection, TIMEOUT)) {
            creator.ensureExactPartitions(TopicCreator.compacted("changelog", Optional.of(2)));
            creator.ensureExactPartitions(TopicCreator.compacted("changelog", Optional.of(2)));

            assertThatThrownBy(() -> creator.ensureExactPartitions(TopicCreator.compacted("changelog", Optional.of(4))))
                    .hasMessageContaining("changelog has 2 partitions but 4 are needed");
        }
    }

    @Test
    void itAuthenticatesWithTheSharedPassThroughProperties() {
        KafkaConnection secured = KafkaConnection.of(broker.saslBootstrapServers().orElseThrow())
                .withProperties(EmbeddedKafkaBroker.saslPlainClientProperties("svc", "pw"));

        TopicCreator.ensure(secured, TIMEOUT, List.of(TopicCreator.compacted("created-over-sasl", Optional.empty())));

        KafkaConnection wrong = KafkaConnection.of(broker.saslBootstrapServers().orElseThrow())
                .withProperties(EmbeddedKafkaBroker.saslPlainClientProperties("svc", "nope"));
        assertThatThrownBy(() -> TopicCreator.ensure(wrong, TIMEOUT, List.of(TopicCreator.compacted("never", Optional.empty()))))
                .hasMessageContaining("cannot create the topic never").hasMessageContaining("Authentication failed");
    }
}
