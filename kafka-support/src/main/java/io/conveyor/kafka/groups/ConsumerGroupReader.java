package io.conveyor.kafka.groups;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the services' consumer groups from Kafka with an admin client: the groups, their members
 * and assignments ({@code describeConsumerGroups}), their committed offsets and the partitions' last
 * stable offsets. The same metadata {@code kafka-consumer-groups.sh --describe} shows.
 *
 * <p>Shared by the CLI's {@code conveyor workers} and the scheduler's {@code GET /workers}, so both show
 * the same groups; each caller owns the admin client and turns a {@link ConsumerGroupReadException} into its
 * own kind of error (an exit code, a 503).
 */
public final class ConsumerGroupReader {

    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;
    private final String bootstrapServers;

    public ConsumerGroupReader(Admin admin, String bootstrapServers) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
    }

    /** The groups {@code services} recognises (every group with {@code all}), by service then group name. */
    public List<WorkerGroup> read(WorkerServices services, boolean all) {
        Collection<ConsumerGroupListing> listings = await(admin.listConsumerGroups().all(), "listing the consumer groups");
        Map<String, String> serviceOfGroup = new HashMap<>();
        for (ConsumerGroupListing listing : listings) {
            Optional<String> service = services.serviceOf(listing.groupId());
            if (service.isPresent() || all) {
                serviceOfGroup.put(listing.groupId(), service.orElse("other"));
            }
        }
        if (serviceOfGroup.isEmpty()) {
            return List.of();
        }
        Map<String, ConsumerGroupDescription> descriptions = await(admin.describeConsumerGroups(serviceOfGroup.keySet()).all(),
                "describing the consumer groups");
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
        Set<TopicPartition> partitions = new HashSet<>();
        for (String group : serviceOfGroup.keySet()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(await(
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), "reading the offsets of group " + group));
            offsets.values().removeIf(java.util.Objects::isNull);
            committed.put(group, offsets);
            partitions.addAll(offsets.keySet());
            descriptions.get(group).members().forEach(member -> partitions.addAll(member.assignment().topicPartitions()));
        }
        Map<TopicPartition, Long> ends = ends(partitions);
        List<WorkerGroup> groups = new ArrayList<>();
        for (Map.Entry<String, String> entry : serviceOfGroup.entrySet()) {
            groups.add(LagReport.group(entry.getValue(), descriptions.get(entry.getKey()), committed.get(entry.getKey()), ends));
        }
        groups.sort(Comparator.comparing(WorkerGroup::service).thenComparing(WorkerGroup::group));
        return groups;
    }

    /** The last stable offsets: a transactional producer's open or aborted records are not lag a read_committed group can consume. */
    private Map<TopicPartition, Long> ends(Set<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answers = await(
                admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all(), "reading the end offsets");
        Map<TopicPartition, Long> ends = new HashMap<>();
        answers.forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    private <T> T await(org.apache.kafka.common.KafkaFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ConsumerGroupReadException(what + " failed on Kafka at " + bootstrapServers + ": " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new ConsumerGroupReadException(what + ": Kafka at " + bootstrapServers + " did not answer within "
                    + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsumerGroupReadException(what + " was interrupted", e);
        }
    }

    /** A member's partitions in topic, then partition order. */
    static List<TopicPartition> assignment(MemberDescription member) {
        return member.assignment().topicPartitions().stream()
                .sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition)).toList();
    }
}
