package io.conveyor.extractor.source.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.conveyor.extractor.source.RecordSource;
import io.conveyor.extractor.source.SourceContext;
import io.conveyor.extractor.source.SourceItem;
import io.conveyor.extractor.source.json.JsonRecords;
import io.conveyor.extractor.source.json.NotAJsonObjectException;
import io.conveyor.pipeline.spec.source.HttpSource;
import io.conveyor.pipeline.spec.source.Pagination;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A paginated JSON API, one page in memory at a time; items become records as JSON objects do
 * (see {@link JsonRecords}). Position: the page request and how many of its items were read; a
 * resume requests that page again and skips them, which is exact when the API serves the same page
 * again. An HTTP error or a body that is not JSON fails the task.
 */
public final class HttpRecordSource implements RecordSource {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]*)>\\s*;[^,]*rel=\"?next\"?");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpSource spec;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
    private final JsonRecords records;
    private PageRequest request;
    private int consumed;
    private JsonNode items;
    private Optional<PageRequest> following = Optional.empty();

    private HttpRecordSource(HttpSource spec, JsonRecords records, HttpPosition start) {
        this.spec = spec;
        this.records = records;
        this.request = start.request();
        this.consumed = start.consumed();
    }

    public static HttpRecordSource open(HttpSource spec, SourceContext context) {
        HttpPosition start = context.resumeFrom().map(HttpPosition::fromJson)
                .orElse(new HttpPosition(PageRequest.first(spec.url()), 0));
        return new HttpRecordSource(spec, new JsonRecords(context.recordName()), start);
    }

    @Override
    public Optional<SourceItem> next() throws IOException {
        if (items == null) {
            fetch();
        }
        while (consumed >= items.size()) {
            if (following.isEmpty()) {
                return Optional.empty();
            }
            request = following.get();
            consumed = 0;
            fetch();
        }
        JsonNode item = items.get(consumed++);
        try {
            return Optional.of(new SourceItem.Extracted(records.toRecord(item)));
        } catch (NotAJsonObjectException e) {
            return Optional.of(SourceItem.Rejected.of(request.uri(spec.pagination()) + "#" + (consumed - 1),
                    item.toString().getBytes(StandardCharsets.UTF_8), e));
        }
    }

    @Override
    public String position() {
        return new HttpPosition(request, consumed).toJson();
    }

    @Override
    public void close() {
        // The JDK client of Java 17 holds no resources that need closing.
    }

    private void fetch() throws IOException {
        URI uri = request.uri(spec.pagination());
        HttpResponse<String> response = send(uri);
        if (response.statusCode() / 100 != 2) {
            throw new IOException("GET " + uri + " answered " + response.statusCode() + ": " + abbreviate(response.body()));
        }
        JsonNode body = parse(uri, response.body());
        JsonNode found = spec.itemsPath().isEmpty() ? body : body.at(spec.itemsPath());
        if (!found.isMissingNode() && !found.isNull() && !found.isArray()) {
            throw new IOException(uri + ": " + spec.itemsPath() + " is not an array of items");
        }
        items = found.isArray() ? found : MAPPER.createArrayNode();
        boolean pagesLeft = spec.maxPages().map(max -> request.fetched() + 1 < max).orElse(true);
        following = pagesLeft ? request.next(spec.pagination(), items.size(), cursorOrLink(body, response)) : Optional.empty();
    }

    private HttpResponse<String> send(URI uri) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json");
        spec.headers().forEach(builder::header);
        builder.method(spec.method().name(), HttpRequest.BodyPublishers.noBody());
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted requesting " + uri, e);
        }
    }

    private Optional<String> cursorOrLink(JsonNode body, HttpResponse<String> response) {
        Pagination pagination = spec.pagination();
        if (pagination instanceof Pagination.Cursor cursor) {
            return text(body.at(cursor.cursorPath()));
        }
        if (pagination instanceof Pagination.Link link) {
            if (link.nextLinkPath().isPresent()) {
                return text(body.at(link.nextLinkPath().get()));
            }
            return response.headers().allValues("Link").stream().map(NEXT_LINK::matcher).filter(Matcher::find)
                    .map(m -> m.group(1)).findFirst();
        }
        return Optional.empty();
    }

    private static Optional<String> text(JsonNode node) {
        return node.isValueNode() && !node.isNull() && !node.asText().isEmpty() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static JsonNode parse(URI uri, String body) throws IOException {
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IOException(uri + " did not answer JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
