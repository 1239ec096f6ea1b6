package io.conveyor.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SaslListenerTest {

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.start(BrokerSettings.defaults().withSaslPlainUsers(Map.of("conveyor", "s3cret\"pw")));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void aClientWithTheRightPasswordIsServedOnTheSaslListener() throws Exception {
        try (Admin admin = Admin.create(config("conveyor", "s3cret\"pw"))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
        }
    }

    @Test
    void aWrongPasswordIsRefusedAsAnAuthenticationFailure() {
        try (Admin admin = Admin.create(config("conveyor", "wrong"))) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void withoutSaslUsersThereIsNoSaslListener() {
        assertThat(broker.saslBootstrapServers()).isPresent().get().isNotEqualTo(broker.bootstrapServers());
        assertThat(BrokerSettings.defaults().saslPlainUsers()).isEmpty();
    }

    private static Map<String, Object> config(String user, String password) {
        Map<String, Object> config = new HashMap<>(EmbeddedKafkaBroker.saslPlainClientProperties(user, password));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.saslBootstrapServers().orElseThrow());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 40_000);
        return config;
    }
}
