package io.conveyor.extractor.source.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A tiny JSON API over the items {@code {"id": 1} .. {"id": n}} with every pagination style:
 * {@code /pages?page=&size=}, {@code /offsets?offset=&limit=}, {@code /cursor?after=} (next cursor in
 * {@code meta.next}), {@code /links} (Link header) and {@code /body-links} (next URL in {@code next}).
 */
public final class FakeApi implements AutoCloseable {

    private static final int PAGE = 2;

    private final HttpServer server;
    private final int items;
    private final List<String> requests = new ArrayList<>();
    private final CountDownLatch gate = new CountDownLatch(1);
    private volatile int heldPage = Integer.MAX_VALUE;

    public FakeApi(int items) throws IOException {
        this.items = items;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    /** Requests of {@code /pages} for this page or later wait until {@link #release()}. */
    public void hold(int page) {
        heldPage = page;
    }

    public void release() {
        gate.countDown();
    }

    /** Waits until some request's URI contains {@code part}. */
    public void awaitRequest(String part, Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (requests().stream().noneMatch(r -> r.contains(part))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("no request for " + part + " within " + patience + ": " + requests());
            }
            Thread.sleep(20);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        synchronized (this) {
            requests.add(uri.toString());
        }
        Map<String, String> query = query(uri);
        String body;
        switch (uri.getPath()) {
            case "/pages" -> {
                awaitGate(Integer.parseInt(query.get("page")));
                int size = Integer.parseInt(query.getOrDefault("size", "2"));
                int first = (Integer.parseInt(query.get("page")) - 1) * size;
                body = "{\"data\":" + slice(first, size) + "}";
            }
            case "/offsets" -> body = slice(Integer.parseInt(query.get("offset")), Integer.parseInt(query.get("limit")));
            case "/cursor" -> {
                int first = Integer.parseInt(query.getOrDefault("after", "0"));
                String next = first + PAGE < items ? "\"" + (first + PAGE) + "\"" : "null";
                body = "{\"items\":" + slice(first, PAGE) + ",\"meta\":{\"next\":" + next + "}}";
            }
            case "/links" -> {
                int first = Integer.parseInt(query.getOrDefault("from", "0"));
                if (first + PAGE < items) {
                    exchange.getResponseHeaders().add("Link", "</links?from=" + (first + PAGE) + ">; rel=\"next\"");
                }
                body = slice(first, PAGE);
            }
            case "/body-links" -> {
                int first = Integer.parseInt(query.getOrDefault("from", "0"));
                String next = first + PAGE < items ? "\"/body-links?from=" + (first + PAGE) + "\"" : "null";
                body = "{\"items\":" + slice(first, PAGE) + ",\"next\":" + next + "}";
            }
            default -> body = "[]";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private void awaitGate(int page) {
        try {
            if (page >= heldPage) {
                gate.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String slice(int first, int size) {
        List<String> slice = new ArrayList<>();
        for (int i = first; i < Math.min(items, first + size); i++) {
            slice.add(i == 2 ? "{\"id\":" + (i + 1) + ",\"tags\":[\"a\",\"b\"]}" : "{\"id\":" + (i + 1) + "}");
        }
        return "[" + String.join(",", slice) + "]";
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new HashMap<>();
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                String[] parts = pair.split("=", 2);
                query.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return query;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
