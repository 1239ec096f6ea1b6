package io.conveyor.cli.workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.kafka.groups.WorkerGroup;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkersCommandTest {

    private static final String TOPIC = "conveyor.data.orders.extract";

    @Test
    void aGroupWithoutMembersIsOneRowWithItsUnassignedPartitionsAndLag() {
        // What kafka-support's LagReport makes of an empty group with one committed partition (its LagReportTest).
        WorkerGroup report = new WorkerGroup("loader", "conveyor.loader.orders.load", "Empty", List.of(),
                List.of(new WorkerGroup.PartitionLag(TOPIC, 0, 5L, 12L, 7L)), 7L);

        assertThat(WorkersCommand.table(List.of(report)).render().lines()).containsExactly(
                "SERVICE  GROUP                        STATE  MEMBER  HOST  PARTITIONS                                    LAG",
                "loader   conveyor.loader.orders.load  Empty  -       -     (unassigned) conveyor.data.orders.extract[0]    7");
    }
}
