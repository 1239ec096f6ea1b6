package io.conveyor.extractor.source.http;

import io.conveyor.pipeline.spec.source.Pagination;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Which page to request: everything any pagination style needs to name a page. It is part of the
 * checkpoint, so a resumed extract requests the same page again.
 *
 * @param url     the URL to request before pagination parameters (the next link for link pagination)
 * @param page    page number for page pagination, from 1
 * @param offset  item offset for offset pagination, from 0
 * @param cursor  the cursor for cursor pagination; null for the first page
 * @param fetched pages requested before this one
 */
record PageRequest(String url, int page, long offset, String cursor, int fetched) {

    static PageRequest first(URI url) {
        return new PageRequest(url.toString(), 1, 0, null, 0);
    }

    URI uri(Pagination pagination) {
        if (pagination instanceof Pagination.Page page) {
            return withParams(with(page.pageParam(), Integer.toString(this.page)), page.pageSize());
        }
        if (pagination instanceof Pagination.Offset offsets) {
            return withParams(with(offsets.offsetParam(), Long.toString(offset)), Optional.of(offsets.pageSize()));
        }
        if (pagination instanceof Pagination.Cursor cursors) {
            return withParams(cursor == null ? url : with(cursors.cursorParam(), cursor), cursors.pageSize());
        }
        return URI.create(url);
    }

    /** The request after this page, given what it returned. */
    Optional<PageRequest> next(Pagination pagination, int items, Optional<String> cursorOrLink) {
        if (pagination instanceof Pagination.Page) {
            return items == 0 ? Optional.empty() : Optional.of(new PageRequest(url, page + 1, offset, cursor, fetched + 1));
        }
        if (pagination instanceof Pagination.Offset) {
            return items == 0 ? Optional.empty() : Optional.of(new PageRequest(url, page, offset + items, cursor, fetched + 1));
        }
        if (pagination instanceof Pagination.Cursor) {
            return cursorOrLink.map(next -> new PageRequest(url, page, offset, next, fetched + 1));
        }
        if (pagination instanceof Pagination.Link) {
            return cursorOrLink.map(next -> new PageRequest(URI.create(url).resolve(next).toString(), page, offset, cursor, fetched + 1));
        }
        return Optional.empty();
    }

    private URI withParams(String base, Optional<Pagination.PageSize> size) {
        return URI.create(size.map(s -> append(base, s.param(), Integer.toString(s.size()))).orElse(base));
    }

    private String with(String param, String value) {
        return append(url, param, value);
    }

    private static String append(String base, String param, String value) {
        return base + (base.contains("?") ? "&" : "?") + URLEncoder.encode(param, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
