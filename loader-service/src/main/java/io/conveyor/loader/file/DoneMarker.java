package io.conveyor.loader.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.TopicPartition;

/**
 * Says that one input partition of a run is complete up to and including {@code endOffset}, and
 * how many input partitions ({@code shards}) the run's task has. It is
 * written before the Kafka transaction that commits the partition's END, so it counts only once
 * the group's committed offset of that partition has passed {@code endOffset}.
 */
record DoneMarker(TopicPartition partition, long endOffset, int shards) {

    void writeTo(Path file) throws IOException {
        Path inProgress = RunFiles.inProgress(file);
        Files.writeString(inProgress, partition.topic() + "\n" + partition.partition() + "\n" + endOffset + "\n" + shards + "\n",
                StandardCharsets.UTF_8);
        Durable.publish(inProgress, file);
    }

    static DoneMarker readFrom(Path file) throws IOException {
        String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n");
        if (lines.length != 4) {
            throw new IOException("malformed done marker " + file);
        }
        return new DoneMarker(new TopicPartition(lines[0], Integer.parseInt(lines[1])), Long.parseLong(lines[2]),
                Integer.parseInt(lines[3]));
    }

    boolean committed(long committedOffset) {
        return committedOffset > endOffset;
    }
}
