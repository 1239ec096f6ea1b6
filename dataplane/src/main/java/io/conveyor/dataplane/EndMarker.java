package io.conveyor.dataplane;

import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Closes one partition of a data topic for one run on behalf of one producing shard: that shard
 * wrote {@code count} records of the run to this partition and will write no more.
 */
public record EndMarker(String runId, String task, int shard, int shards, long count) {

    public EndMarker {
        if (shards < 1 || shard < 0 || shard >= shards || count < 0) {
            throw new IllegalArgumentException("invalid END marker of run " + runId + ": shard " + shard + " of " + shards
                    + ", count " + count);
        }
    }

    /** Reads the marker from a record's headers; they must be an END marker's. */
    public static EndMarker from(Headers headers) throws MalformedMarkerException {
        String runId = required(headers, DataHeaders.RUN_ID);
        try {
            return new EndMarker(runId, required(headers, DataHeaders.TASK),
                    Integer.parseInt(required(headers, DataHeaders.SHARD)),
                    Integer.parseInt(required(headers, DataHeaders.SHARDS)),
                    Long.parseLong(required(headers, DataHeaders.COUNT)));
        } catch (IllegalArgumentException e) {
            throw new MalformedMarkerException("END marker of run " + runId + ": " + e.getMessage());
        }
    }

    public List<Header> headers() {
        return List.of(
                new RecordHeader(DataHeaders.CONTROL, DataHeaders.bytes(DataHeaders.END)),
                new RecordHeader(DataHeaders.RUN_ID, DataHeaders.bytes(runId)),
                new RecordHeader(DataHeaders.TASK, DataHeaders.bytes(task)),
                new RecordHeader(DataHeaders.SHARD, DataHeaders.bytes(Integer.toString(shard))),
                new RecordHeader(DataHeaders.SHARDS, DataHeaders.bytes(Integer.toString(shards))),
                new RecordHeader(DataHeaders.COUNT, DataHeaders.bytes(Long.toString(count))));
    }

    private static String required(Headers headers, String key) throws MalformedMarkerException {
        String value = DataHeaders.text(headers, key);
        if (value == null) {
            throw new MalformedMarkerException("END marker without header " + key);
        }
        return value;
    }
}
