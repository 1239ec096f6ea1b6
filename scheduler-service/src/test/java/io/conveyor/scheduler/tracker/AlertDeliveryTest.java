package io.conveyor.scheduler.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.conveyor.control.Alert;
import io.conveyor.control.AlertKind;
import io.conveyor.control.RunEvent;
import io.conveyor.control.RunEventType;
import io.conveyor.control.TriggerKind;
import io.conveyor.scheduler.tracker.ScriptedWorker.Behaviour;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two scheduler replicas (each a tracker and an alert notifier) against one broker and one webhook
 * receiver: a failed run and a run past its SLA each reach every channel of the pipeline exactly
 * once, as generic JSON on one channel and as a Slack message on the other, and each alert is on
 * the alerts topic once.
 */
@ExtendWith(ConveyorStackExtension.class)
class AlertDeliveryTest {

    /** A past interval: the failing run is created long after its deadline, so it raises no SLA alert. */
    private static final Instant PAST = Instant.parse("2026-03-01T02:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Call(String channel, String idempotencyKey, JsonNode body) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private TrackerHarness harness;
    private ScriptedWorker worker;

    @BeforeEach
    void start(ConveyorStack stack) throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        for (String channel : List.of("ops", "chat")) {
            receiver.createContext("/" + channel, exchange -> {
                try (exchange) {
                    calls.add(new Call(channel, exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                            JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))));
                    exchange.sendResponseHeaders(204, -1);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort();
        harness = new TrackerHarness(stack);
        harness.deploy(Fixtures.version("alerting", 1));
        Map<String, Object> webhooks = Map.of("conveyor.alerts.webhooks", "ops:json:" + url + "/ops,chat:slack:" + url + "/chat");
        harness.startTracker(webhooks);
        harness.startTracker(webhooks);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (worker != null) {
            worker.close();
        }
        harness.close();
        receiver.stop(0);
    }

    @Test
    void aFailedRunAndAnSlaMissEachReachEveryChannelExactlyOnceWithTwoReplicas() throws Exception {
        // The scheduled run of a past interval fails at once; the manual run's extract never answers.
        worker = harness.worker(command -> command.getRunId().contains("@m-") ? Behaviour.HANG : Behaviour.FAIL);
        try (TopicReader<RunEvent> runs = harness.runEvents(); TopicReader<Alert> alerts = harness.alerts()) {
            harness.start("alerting", PAST, 0);
            String failed = runs.await("the scheduled run to fail", event -> event.getType() == RunEventType.FAILED).getRunId().toString();
            harness.start("alerting", null, 0);
            String late = runs.await("the manual run to start", event -> event.getTrigger() == TriggerKind.MANUAL
                    && event.getType() == RunEventType.STARTED).getRunId().toString();

            Awaits.until("both alerts to reach both channels", Duration.ofSeconds(60), () -> calls.size() >= 4);
            // Time for a second replica, a repeated tick or a redelivery to call again, if any would.
            Thread.sleep(3_000);

            assertThat(calls).extracting(Call::channel, Call::idempotencyKey).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("ops", failed + "/RUN_FAILED"),
                    org.assertj.core.groups.Tuple.tuple("chat", failed + "/RUN_FAILED"),
                    org.assertj.core.groups.Tuple.tuple("ops", late + "/SLA_MISSED"),
                    org.assertj.core.groups.Tuple.tuple("chat", late + "/SLA_MISSED"));
            JsonNode failure = body("ops", failed + "/RUN_FAILED");
            assertThat(failure.get("kind").asText()).isEqualTo("RUN_FAILED");
            assertThat(failure.get("runId").asText()).isEqualTo(failed);
            assertThat(failure.get("failedTasks").get(0).asText()).isEqualTo("extract");
            assertThat(failure.get("summary").asText()).startsWith("run " + failed + " of alerting failed: task extract FAILED");
            JsonNode sla = body("chat", late + "/SLA_MISSED");
            assertThat(sla.get("text").asText()).startsWith(":hourglass: SLA missed - alerting\nrun " + late
                    + " of alerting is not finished 2s after its logical time");
            assertThat(alerts.all()).extracting(alert -> alert.getId().toString(), Alert::getKind).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple(failed + "/RUN_FAILED", AlertKind.RUN_FAILED),
                    org.assertj.core.groups.Tuple.tuple(late + "/SLA_MISSED", AlertKind.SLA_MISSED));

            harness.cancel("alerting", late);
            runs.await("the late run to be cancelled", event -> event.getRunId().toString().equals(late)
                    && event.getType() == RunEventType.CANCELLED);
        }
    }

    private JsonNode body(String channel, String id) {
        return calls.stream().filter(call -> call.channel().equals(channel) && call.idempotencyKey().equals(id))
                .findFirst().orElseThrow().body();
    }
}
