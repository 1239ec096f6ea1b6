package io.conveyor.pipeline.spec.source;

import java.util.Objects;
import java.util.Optional;

/** How an HTTP source walks through the pages of a JSON API; the YAML {@code type} key selects the variant. */
public sealed interface Pagination {

    /** A page size and the query parameter that carries it. */
    record PageSize(String param, int size) {

        public PageSize {
            Objects.requireNonNull(param, "param");
            if (size < 1) {
                throw new IllegalArgumentException("page size must be positive: " + size);
            }
        }
    }

    /** A single request. */
    record None() implements Pagination {
    }

    /** Numbered pages starting at 1, until a page has no items. */
    record Page(String pageParam, Optional<PageSize> pageSize) implements Pagination {

        public Page {
            Objects.requireNonNull(pageParam, "pageParam");
            Objects.requireNonNull(pageSize, "pageSize");
        }
    }

    /** An item offset starting at 0 that grows by the items received, until a page has no items. */
    record Offset(String offsetParam, PageSize pageSize) implements Pagination {

        public Offset {
            Objects.requireNonNull(offsetParam, "offsetParam");
            Objects.requireNonNull(pageSize, "pageSize");
        }
    }

    /** An opaque cursor read from each response and sent with the next request, until it is missing. */
    record Cursor(String cursorParam, String cursorPath, Optional<PageSize> pageSize) implements Pagination {

        public Cursor {
            Objects.requireNonNull(cursorParam, "cursorParam");
            Objects.requireNonNull(cursorPath, "cursorPath");
            Objects.requireNonNull(pageSize, "pageSize");
        }
    }

    /**
     * The next page's URL, read from the response body at a JSON pointer, or when no pointer is given
     * from the {@code Link} header's {@code rel="next"} entry.
     */
    record Link(Optional<String> nextLinkPath) implements Pagination {

        public Link {
            Objects.requireNonNull(nextLinkPath, "nextLinkPath");
        }
    }
}
