package io.conveyor.kafka.groups;

import java.util.List;

/**
 * One service's consumer group as {@code conveyor workers} shows it: its members (the service's
 * instances, or for the tracker its Kafka Streams threads) with their assigned partitions, and the
 * lag of every partition the group has committed offsets for or is assigned.
 *
 * @param service     scheduler (the DAG tracker), extractor, transformer, loader, or other
 * @param state       the group's state as the broker reports it (STABLE, EMPTY, PREPARING_REBALANCE, ...)
 * @param lag         the sum of the known lags; null when no partition has a committed offset
 * @param unassigned  partitions with committed offsets that no member holds (an idle task's group)
 */
public record WorkerGroup(String service, String group, String state, List<Member> members, List<PartitionLag> unassigned,
                          Long lag) {

    public WorkerGroup {
        members = List.copyOf(members);
        unassigned = List.copyOf(unassigned);
    }

    /**
     * @param instanceId the static member id ({@code group.instance.id}) when the instance has one
     * @param lag        the sum of its partitions' known lags; null when none is known
     */
    public record Member(String memberId, String instanceId, String clientId, String host, List<PartitionLag> partitions,
                         Long lag) {

        public Member {
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * @param committed the group's committed offset; null when it has none for the partition
     * @param end       the last stable offset (read_committed: what the group can read up to)
     * @param lag       end - committed, never negative; null when there is no committed offset
     */
    public record PartitionLag(String topic, int partition, Long committed, Long end, Long lag) {
    }

    /** The lags added up, or null when none is known. */
    static Long total(List<PartitionLag> partitions) {
        return partitions.stream().map(PartitionLag::lag).filter(java.util.Objects::nonNull)
                .reduce(Long::sum).orElse(null);
    }
}
