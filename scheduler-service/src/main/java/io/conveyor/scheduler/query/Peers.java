package io.conveyor.scheduler.query;

import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.scheduler.tracker.TrackerConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.HttpClientConfiguration;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.HostInfo;

/**
 * HTTP to the other instances of this tracker, for queries only: a run lives in the stores of one
 * instance, so any instance can answer by asking the owner. One client per peer, kept open.
 */
@Singleton
@Requires(env = SchedulerApplication.ENVIRONMENT)
@Requires(beans = TrackerConfiguration.class)
class Peers {

    private final HttpClientConfiguration clientConfig;
    private final Map<HostInfo, HttpClient> clients = new ConcurrentHashMap<>();

    Peers(TrackerConfiguration config) {
        var client = new DefaultHttpClientConfiguration();
        client.setReadTimeout(config.queryTimeout());
        this.clientConfig = client;
    }

    /** The peer's answer to a GET of {@code pathAndQuery}, status and body as it gave them. */
    HttpResponse<String> get(HostInfo peer, URI pathAndQuery) {
        try {
            MutableHttpRequest<Object> request = HttpRequest.GET(pathAndQuery.toString());
            // With authentication on, the peer checks the caller's credentials as this instance did.
            ServerRequestContext.currentRequest().flatMap(incoming -> incoming.getHeaders().getAuthorization())
                    .ifPresent(authorization -> request.header(HttpHeaders.AUTHORIZATION, authorization));
            HttpResponse<String> answer = client(peer).toBlocking().exchange(request, String.class);
            return HttpResponse.<String>status(answer.status()).body(answer.body());
        } catch (HttpClientResponseException e) {
            return HttpResponse.<String>status(e.getStatus()).body(e.getResponse().getBody(String.class).orElse(""));
        } catch (HttpClientException e) {
            return HttpResponse.<String>status(HttpStatus.BAD_GATEWAY)
                    .body(QueryErrors.json("tracker instance " + peer + " did not answer: " + e.getMessage()));
        }
    }

    private HttpClient client(HostInfo peer) {
        return clients.computeIfAbsent(peer, host -> HttpClient.create(url(host), clientConfig));
    }

    private static URL url(HostInfo host) {
        try {
            return URI.create("http://" + host.host() + ":" + host.port()).toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("tracker instance " + host + " has no usable address", e);
        }
    }

    @PreDestroy
    void close() {
        clients.values().forEach(HttpClient::close);
    }
}
