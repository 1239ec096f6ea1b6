package io.conveyor.dataplane;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** The partitions of topics, waiting for topics that were just created to show up in the metadata. */
public final class TopicPartitions {

    private static final Duration RETRY = Duration.ofMillis(100);

    private TopicPartitions() {
    }

    /**
     * A client may not know a freshly created topic yet and then reports no partitions; that is
     * asked again until {@code patience} runs out.
     *
     * @throws IllegalStateException when a topic still has no partitions after {@code patience}
     */
    public static List<TopicPartition> of(Consumer<?, ?> consumer, List<String> topics, Duration patience)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, patience);
            while (infos.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("topic " + topic + " has no partitions after " + patience
                            + "; does it exist?");
                }
                Thread.sleep(RETRY.toMillis());
                infos = consumer.partitionsFor(topic, patience);
            }
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        return partitions;
    }
}
