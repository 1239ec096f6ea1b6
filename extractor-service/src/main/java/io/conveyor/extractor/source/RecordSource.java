package io.conveyor.extractor.source;

import java.io.IOException;
import java.util.Optional;

/**
 * A streaming reader of one source: it holds at most one item (or one page or fetch) in memory,
 * whatever the size of the input.
 */
public interface RecordSource extends AutoCloseable {

    /** The next record or reject, or empty at the end of the input. */
    Optional<SourceItem> next() throws IOException;

    /**
     * Where the source stands after the last item {@link #next} returned, in the source's own text
     * form; opening the source again from it continues with the following item.
     */
    String position();

    /** The highest watermark read so far, for incremental sources; empty for the others. */
    default Optional<String> watermark() {
        return Optional.empty();
    }

    @Override
    void close() throws IOException;
}
