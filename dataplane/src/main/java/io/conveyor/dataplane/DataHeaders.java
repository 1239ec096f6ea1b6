package io.conveyor.dataplane;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

    private static final byte[] END_BYTES = bytes(END);

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

    /**
     * Whether header {@code key} is present with a value. Cheaper than {@link #text} != null: data
     * workers ask it for every record, and decoding the value into a String was the loader's top
     * cost in the profile (bench/README.md).
     */
    public static boolean has(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header != null && header.value() != null;
    }

    /** Whether the record is an END marker; compares the control header's bytes instead of decoding them. */
    public static boolean isEnd(Headers headers) {
        Header header = headers.lastHeader(CONTROL);
        return header != null && Arrays.equals(header.value(), END_BYTES);
    }
}
