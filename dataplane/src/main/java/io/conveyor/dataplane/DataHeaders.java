package io.conveyor.dataplane;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** The headers every record on a data topic carries (see docs/architecture.md, completion protocol). */
public final class DataHeaders {

    public static final String RUN_ID = "conveyor.run-id";
    public static final String TASK = "conveyor.task";
    public static final String CONTROL = "conveyor.control";
    public static final String SHARD = "conveyor.shard";
    public static final String SHARDS = "conveyor.shards";
    public static final String COUNT = "conveyor.count";
    public static final String END = "END";

    private DataHeaders() {
    }

    /** The last value of header {@code key} as UTF-8 text, or null when absent. */
    public static String text(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static boolean isEnd(Headers headers) {
        return END.equals(text(headers, CONTROL));
    }
}
