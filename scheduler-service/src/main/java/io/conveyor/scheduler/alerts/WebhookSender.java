package io.conveyor.scheduler.alerts;

import io.conveyor.control.Alert;
import io.conveyor.dataplane.failure.FailurePolicy;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Calls a channel's webhook with an alert, retrying under the workers' {@link FailurePolicy}: no
 * answer, 408, 429 and 5xx are tried again with backoff; any other answer outside 2xx is final (the
 * receiver refused the request, and would refuse it again).
 */
final class WebhookSender {

    /** How one delivery ended. */
    record Delivery(boolean delivered, int attempts, String detail) {
    }

    /** Sleeps between tries; a test passes one that records the pauses instead. */
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final HttpClient http;
    private final FailurePolicy policy;
    private final Duration requestTimeout;
    private final Pause pause;

    WebhookSender(FailurePolicy policy, Duration requestTimeout, Pause pause) {
        this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.policy = policy;
        this.requestTimeout = requestTimeout;
        this.pause = pause;
    }

    Delivery send(WebhookChannel channel, Alert alert) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(channel.url())
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                // Receivers that dedupe (a crash between the call and the commit repeats it) key on this.
                .header("Idempotency-Key", alert.getId())
                .POST(HttpRequest.BodyPublishers.ofString(AlertBodies.body(channel.format(), alert), StandardCharsets.UTF_8))
                .build();
        FailurePolicy.Retries retries = policy.retries();
        int attempts = 0;
        while (true) {
            attempts++;
            String failure;
            boolean transientFailure;
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return new Delivery(true, attempts, "HTTP " + status);
                }
                failure = "HTTP " + status;
                transientFailure = status == 408 || status == 429 || status >= 500;
            } catch (IOException e) {
                failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                transientFailure = true;
            }
            Duration wait = retries.next(new IOException(failure), transientFailure);
            if (wait == null) {
                return new Delivery(false, attempts, failure);
            }
            pause.sleep(wait);
        }
    }
}
