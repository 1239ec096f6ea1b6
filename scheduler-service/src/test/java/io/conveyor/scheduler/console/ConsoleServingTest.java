package io.conveyor.scheduler.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.scheduler.RestApiServers;
import io.conveyor.schemas.TopicNames;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The web console as the scheduler serves it with security on: the page and its scripts without
 * credentials (they hold no data), the root leading to the page, and the workers view's API asking
 * for a viewer and answering from the cluster's consumer groups.
 */
@ExtendWith(ConveyorStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleServingTest {

    private static final String VIEWER_SECRET = "viewer-secret-0123";

    private final ConveyorStack stack;
    private final TopicNames topics = new TopicNames(ConveyorStack.uniqueName("console"));
    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedServer server;

    ConsoleServingTest(ConveyorStack stack) {
        this.stack = stack;
    }

    @BeforeAll
    void start() {
        stack.createTopics(3, topics.triggers());
        server = RestApiServers.start(stack, topics, Map.of("conveyor.security.enabled", true,
                "conveyor.security.users", "vera:viewer:" + VIEWER_SECRET));
    }

    @AfterAll
    void stop() {
        server.getApplicationContext().close();
    }

    @Test
    void thePageAndItsAssetsAreServedWithoutCredentials() throws Exception {
        HttpResponse<String> index = send(get("/console/index.html"));
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(index.body()).contains("<main id=\"app\">");
        // Vite's bundle, referenced under the console's base path; nothing from another host.
        Matcher script = Pattern.compile("src=\"(/console/assets/[^\"]+\\.js)\"").matcher(index.body());
        assertThat(script.find()).as(index.body()).isTrue();
        assertThat(index.body()).doesNotContain("http://", "https://");

        HttpResponse<String> bundle = send(get(script.group(1)));
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.body()).contains("/workers").contains("conveyor.authorization");
    }

    @Test
    void theRootAndTheConsolePathLeadToThePage() throws Exception {
        for (String path : new String[] {"/", "/console"}) {
            HttpResponse<String> answer = send(get(path));
            assertThat(answer.statusCode()).as(path).isEqualTo(303);
            assertThat(answer.headers().firstValue("Location")).as(path).hasValue("/console/index.html");
        }
    }

    @Test
    void theWorkersViewNeedsAViewerAndListsEveryService() throws Exception {
        assertThat(send(get("/workers")).statusCode()).isEqualTo(401);

        HttpResponse<String> workers = send(get("/workers").header("Authorization", "Bearer " + VIEWER_SECRET));
        assertThat(workers.statusCode()).as(workers.body()).isEqualTo(200);
        assertThat(workers.body()).contains("{\"service\":\"scheduler\",", "{\"service\":\"extractor\",",
                "{\"service\":\"transformer\",", "{\"service\":\"loader\",").contains("\"groups\":[");

        HttpResponse<String> unknown = send(get("/workers?service=mailer").header("Authorization", "Bearer " + VIEWER_SECRET));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("service must be one of [scheduler, extractor, transformer, loader], was 'mailer'");
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path)).GET();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
