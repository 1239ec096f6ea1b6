package io.conveyor.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ConveyorStackExtension.class)
class ConveyorStackExtensionTest {

    @Test
    void givesEveryTestTheSameRunningBrokerAndRegistry(ConveyorStack stack, ConveyorStack again) throws Exception {
        assertThat(again).isSameAs(stack);
        String topic = ConveyorStack.uniqueName("fixture");
        stack.createTopics(3, topic);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            assertThat(admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(3);
        }
        HttpResponse<String> subjects = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/subjects")).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(subjects.statusCode()).isEqualTo(200);
        assertThat(subjects.body()).startsWith("[");
    }
}
