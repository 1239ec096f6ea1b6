package io.conveyor.scheduler.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.conveyor.control.Alert;
import io.conveyor.control.AlertKind;
import io.conveyor.control.TaskCounts;
import io.conveyor.dataplane.failure.FailurePolicy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One alert to one webhook: the bodies, and the retries of a receiver that fails for a while. */
class WebhookSenderTest {

    private static final FailurePolicy THREE_RETRIES = new FailurePolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1),
            Duration.ofMinutes(1), 0);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Deque<Integer> answers = new ConcurrentLinkedDeque<>();
    private final List<String> bodies = new ArrayList<>();
    private final List<String> idempotencyKeys = new ArrayList<>();
    private final List<Duration> pauses = new ArrayList<>();
    private HttpServer server;
    private WebhookSender sender;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            synchronized (bodies) {
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                idempotencyKeys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            }
            Integer status = answers.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        server.start();
        sender = new WebhookSender(THREE_RETRIES, Duration.ofSeconds(5), pauses::add);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aReceiverThatAnswers503TwiceGetsTheAlertOnTheThirdTryWithBackoffBetween() throws Exception {
        answers.add(503);
        answers.add(429);

        WebhookSender.Delivery delivery = sender.send(channel(WebhookChannel.Format.JSON), alert());

        assertThat(delivery).isEqualTo(new WebhookSender.Delivery(true, 3, "HTTP 200"));
        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(idempotencyKeys).containsOnly("orders@m-1/RUN_FAILED").hasSize(3);
    }

    @Test
    void aRefusalIsFinalAndARetriedFailureEndsAfterTheBudget() throws Exception {
        answers.add(400);
        assertThat(sender.send(channel(WebhookChannel.Format.JSON), alert())).isEqualTo(new WebhookSender.Delivery(false, 1, "HTTP 400"));

        for (int i = 0; i < 10; i++) {
            answers.add(500);
        }
        assertThat(sender.send(channel(WebhookChannel.Format.JSON), alert())).isEqualTo(new WebhookSender.Delivery(false, 4, "HTTP 500"));
    }

    @Test
    void aReceiverThatIsNotThereIsRetriedAndReportedAsNotDelivered() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        WebhookChannel nowhere = new WebhookChannel("ops", WebhookChannel.Format.JSON, URI.create("http://127.0.0.1:" + closed + "/hook"));

        WebhookSender.Delivery delivery = sender.send(nowhere, alert());

        assertThat(delivery.delivered()).isFalse();
        assertThat(delivery.attempts()).isEqualTo(4);
        assertThat(delivery.detail()).startsWith("ConnectException");
    }

    @Test
    void theJsonBodyCarriesTheWholeAlertAndTheSlackBodyAMessage() throws Exception {
        sender.send(channel(WebhookChannel.Format.JSON), alert());
        sender.send(channel(WebhookChannel.Format.SLACK), alert());

        JsonNode json = JSON.readTree(bodies.get(0));
        assertThat(json.get("id").asText()).isEqualTo("orders@m-1/RUN_FAILED");
        assertThat(json.get("kind").asText()).isEqualTo("RUN_FAILED");
        assertThat(json.get("runId").asText()).isEqualTo("orders@m-1");
        assertThat(json.get("logicalTime").asText()).isEqualTo("2026-12-07T02:00:00Z");
        assertThat(json.get("summary").asText()).isEqualTo("run orders@m-1 of orders failed: task load FAILED (a<b & c)");
        assertThat(json.get("counts").get("recordsRejected").asLong()).isEqualTo(3);
        assertThat(json.get("failedTasks").get(0).asText()).isEqualTo("load");
        JsonNode slack = JSON.readTree(bodies.get(1));
        assertThat(slack.fieldNames()).toIterable().containsExactly("text");
        assertThat(slack.get("text").asText()).isEqualTo(":red_circle: Run failed - orders\n"
                + "run orders@m-1 of orders failed: task load FAILED (a&lt;b &amp; c)\n"
                + "run `orders@m-1` (logical time 2026-12-07T02:00:00Z, alert `orders@m-1/RUN_FAILED`)");
    }

    private WebhookChannel channel(WebhookChannel.Format format) {
        return new WebhookChannel("ops", format, URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"));
    }

    private static Alert alert() {
        return Alert.newBuilder().setId("orders@m-1/RUN_FAILED").setKind(AlertKind.RUN_FAILED).setPipeline("orders")
                .setPipelineVersion(2).setRunId("orders@m-1").setRunStatus("FAILED")
                .setLogicalTime(Instant.parse("2026-12-07T02:00:00Z")).setRaisedAt(Instant.parse("2026-12-07T02:05:00Z"))
                .setSummary("run orders@m-1 of orders failed: task load FAILED (a<b & c)")
                .setCounts(new TaskCounts(10L, 7L, 3L, 0L)).setFailedTasks(List.of("load")).setChannels(List.of("ops")).build();
    }
}
