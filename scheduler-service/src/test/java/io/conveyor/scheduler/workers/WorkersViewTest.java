package io.conveyor.scheduler.workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.kafka.groups.WorkerGroup;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkersViewTest {

    private static WorkerGroup group(String service, String name, int members, Long lag) {
        List<WorkerGroup.Member> list = new java.util.ArrayList<>();
        for (int i = 0; i < members; i++) {
            list.add(new WorkerGroup.Member("m-" + i, null, "client-" + i, "/127.0.0.1", List.of(), null));
        }
        return new WorkerGroup(service, name, "Stable", list, List.of(), lag);
    }

    @Test
    void everyServiceHasALineEvenWithoutGroupsAndItsLinesAddUpItsGroups() {
        WorkersView view = WorkersView.of(List.of(
                group("scheduler", "conveyor-tracker", 1, 0L),
                group("transformer", "conveyor.transformer.orders.clean", 2, 5L),
                group("transformer", "conveyor.transformer.orders.enrich", 1, null),
                group("transformer", "conveyor.transformer.other.t", 0, 7L)), null);

        assertThat(view.services()).containsExactly(
                new WorkersView.ServiceLine("scheduler", 1, 1, 0L),
                new WorkersView.ServiceLine("extractor", 0, 0, null),
                new WorkersView.ServiceLine("transformer", 3, 3, 12L),
                new WorkersView.ServiceLine("loader", 0, 0, null));
        assertThat(view.groups()).hasSize(4);
    }

    @Test
    void oneServiceShowsOnlyItsLineAndGroups() {
        WorkersView view = WorkersView.of(List.of(group("scheduler", "conveyor-tracker", 1, 0L),
                group("loader", "conveyor.loader.orders.load", 1, 3L)), "loader");

        assertThat(view.services()).containsExactly(new WorkersView.ServiceLine("loader", 1, 1, 3L));
        assertThat(view.groups()).extracting(WorkerGroup::group).containsExactly("conveyor.loader.orders.load");
    }
}
