package io.conveyor.pipeline.spec.source;

import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A JSON API over HTTP.
 *
 * @param itemsPath JSON pointer to the array of items in each response; empty for the whole body
 * @param maxPages  stop after this many pages; empty for no limit
 */
public record HttpSource(URI url, HttpMethod method, Map<String, String> headers, String itemsPath,
                         Pagination pagination, Optional<Integer> maxPages) implements SourceSpec {

    public HttpSource {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(method, "method");
        headers = Collections.unmodifiableSortedMap(new TreeMap<>(headers));
        Objects.requireNonNull(itemsPath, "itemsPath");
        Objects.requireNonNull(pagination, "pagination");
        Objects.requireNonNull(maxPages, "maxPages");
    }
}
