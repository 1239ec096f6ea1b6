package io.conveyor.scheduler.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.scheduler.RestApiServers;
import io.conveyor.schemas.TopicNames;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replay and discard act on every letter their selection matches, so a body the scheduler reads
 * differently from what the caller meant must be refused before any letter is touched: a misspelt
 * key would otherwise leave the selection empty, and an empty selection matches every open letter.
 * No pipeline is deployed here: a request that gets past the checks is answered 404.
 */
@ExtendWith(ConveyorStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLetterRequestsTest {

    private static final String LETTERS = "/pipelines/not-deployed/dead-letters";

    private final ConveyorStack stack;
    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedServer server;

    DeadLetterRequestsTest(ConveyorStack stack) {
        this.stack = stack;
    }

    @BeforeAll
    void start() {
        TopicNames topics = new TopicNames(ConveyorStack.uniqueName("letters-requests"));
        stack.createTopics(1, topics.triggers());
        server = RestApiServers.start(stack, topics, Map.of());
    }

    @AfterAll
    void stop() {
        server.getApplicationContext().close();
    }

    @Test
    void aMisspeltKeyInAReplayIsRefusedNamingTheKeyInsteadOfReplayingEveryOpenLetter() throws Exception {
        HttpResponse<String> replay = post("/replay", "{\"selction\": {\"rule\": \"regex\"}}");

        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(422);
        assertThat(replay.body()).contains("selction").contains("\"field\":\"selction\"");
    }

    @Test
    void aMisspeltKeyInsideTheSelectionIsRefusedNamingItsPath() throws Exception {
        HttpResponse<String> discard = post("/discard", "{\"selection\": {\"rules\": \"regex\"}, \"reason\": \"bad at the source\"}");

        assertThat(discard.statusCode()).as(discard.body()).isEqualTo(422);
        assertThat(discard.body()).contains("\"field\":\"selection.rules\"");
    }

    @Test
    void aDiscardWithoutASelectionMustSayAllExplicitly() throws Exception {
        HttpResponse<String> unselected = post("/discard", "{\"reason\": \"bad at the source\"}");
        assertThat(unselected.statusCode()).as(unselected.body()).isEqualTo(422);
        assertThat(unselected.body()).contains("\"field\":\"selection\"").contains("\\\"all\\\": true");

        HttpResponse<String> emptySelection = post("/discard", "{\"selection\": {}, \"reason\": \"bad at the source\"}");
        assertThat(emptySelection.statusCode()).as(emptySelection.body()).isEqualTo(422);

        HttpResponse<String> both = post("/discard", "{\"all\": true, \"selection\": {\"rule\": \"regex\"}, \"reason\": \"x\"}");
        assertThat(both.statusCode()).as(both.body()).isEqualTo(422);
        assertThat(both.body()).contains("\"field\":\"all\"");

        HttpResponse<String> all = post("/discard", "{\"all\": true, \"reason\": \"bad at the source\"}");
        assertThat(all.statusCode()).as("past the checks: %s", all.body()).isEqualTo(404);
    }

    @Test
    void aWellFormedReplayGetsPastTheChecks() throws Exception {
        assertThat(post("/replay", "{\"selection\": {\"rule\": \"regex\"}, \"set\": {\"unknownToTheCheck\": \"1\"}}")
                .statusCode()).isEqualTo(404);
        assertThat(post("/replay", "").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + LETTERS + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
