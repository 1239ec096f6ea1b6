package io.conveyor.kafka.groups;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Turns a group's description, committed offsets and the partitions' end offsets into a {@link WorkerGroup}; no I/O. */
final class LagReport {

    private LagReport() {
    }

    static WorkerGroup group(String service, ConsumerGroupDescription description, Map<TopicPartition, OffsetAndMetadata> committed,
                             Map<TopicPartition, Long> ends) {
        List<WorkerGroup.Member> members = new ArrayList<>();
        Set<TopicPartition> assigned = new HashSet<>();
        List<MemberDescription> sorted = new ArrayList<>(description.members());
        sorted.sort(Comparator.comparing(MemberDescription::clientId).thenComparing(MemberDescription::consumerId));
        for (MemberDescription member : sorted) {
            List<WorkerGroup.PartitionLag> partitions = ConsumerGroupReader.assignment(member).stream()
                    .map(partition -> lag(partition, committed, ends)).toList();
            assigned.addAll(member.assignment().topicPartitions());
            members.add(new WorkerGroup.Member(member.consumerId(), member.groupInstanceId().orElse(null), member.clientId(),
                    member.host(), partitions, WorkerGroup.total(partitions)));
        }
        List<WorkerGroup.PartitionLag> unassigned = committed.keySet().stream().filter(partition -> !assigned.contains(partition))
                .sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
                .map(partition -> lag(partition, committed, ends)).toList();
        List<WorkerGroup.PartitionLag> all = new ArrayList<>(unassigned);
        members.forEach(member -> all.addAll(member.partitions()));
        return new WorkerGroup(service, description.groupId(), description.state().toString(), members, unassigned,
                WorkerGroup.total(all));
    }

    static WorkerGroup.PartitionLag lag(TopicPartition partition, Map<TopicPartition, OffsetAndMetadata> committed,
                                        Map<TopicPartition, Long> ends) {
        OffsetAndMetadata offset = committed.get(partition);
        Long end = ends.get(partition);
        Long lag = offset == null || end == null ? null : Math.max(0, end - offset.offset());
        return new WorkerGroup.PartitionLag(partition.topic(), partition.partition(), offset == null ? null : offset.offset(), end, lag);
    }
}
