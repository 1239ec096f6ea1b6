package io.conveyor.kafka.groups;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberAssignment;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LagReportTest {

    private static final String TOPIC = "conveyor.data.orders.extract";

    @Test
    void eachMemberHasItsPartitionsAndTheirLagAndTheGroupTheSum() {
        TopicPartition p0 = new TopicPartition(TOPIC, 0);
        TopicPartition p1 = new TopicPartition(TOPIC, 1);
        TopicPartition p2 = new TopicPartition(TOPIC, 2);
        MemberDescription first = new MemberDescription("m-1", Optional.of("transformer-0"), "client-a", "/10.0.0.1",
                new MemberAssignment(Set.of(p1, p0)));
        MemberDescription second = new MemberDescription("m-2", Optional.empty(), "client-b", "/10.0.0.2",
                new MemberAssignment(Set.of(p2)));
        ConsumerGroupDescription group = new ConsumerGroupDescription("conveyor.transformer.orders.clean", false,
                List.of(second, first), "range", ConsumerGroupState.STABLE, Node.noNode());

        WorkerGroup report = LagReport.group("transformer", group,
                Map.of(p0, new OffsetAndMetadata(90), p1, new OffsetAndMetadata(100)), Map.of(p0, 100L, p1, 100L, p2, 40L));

        assertThat(report.state()).isEqualTo("Stable");
        assertThat(report.members()).extracting(WorkerGroup.Member::clientId, WorkerGroup.Member::instanceId, WorkerGroup.Member::lag)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("client-a", "transformer-0", 10L),
                        org.assertj.core.groups.Tuple.tuple("client-b", null, null));
        assertThat(report.members().get(0).partitions()).extracting(WorkerGroup.PartitionLag::partition).containsExactly(0, 1);
        assertThat(report.members().get(1).partitions()).containsExactly(new WorkerGroup.PartitionLag(TOPIC, 2, null, 40L, null));
        assertThat(report.lag()).isEqualTo(10L);
        assertThat(report.unassigned()).isEmpty();
    }

    @Test
    void aGroupWithoutMembersShowsItsCommittedPartitionsAsUnassignedWithTheirLag() {
        TopicPartition p0 = new TopicPartition(TOPIC, 0);
        ConsumerGroupDescription group = new ConsumerGroupDescription("conveyor.loader.orders.load", false, List.of(), "",
                ConsumerGroupState.EMPTY, Node.noNode());

        WorkerGroup report = LagReport.group("loader", group, Map.of(p0, new OffsetAndMetadata(5)), Map.of(p0, 12L));

        assertThat(report.members()).isEmpty();
        assertThat(report.unassigned()).containsExactly(new WorkerGroup.PartitionLag(TOPIC, 0, 5L, 12L, 7L));
        assertThat(report.lag()).isEqualTo(7L);
        // cli's WorkersCommandTest renders this group as a table row
    }
}
