package io.conveyor.scheduler.workers;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.conveyor.kafka.groups.WorkerGroup;
import io.conveyor.kafka.groups.WorkerServices;
import io.micronaut.serde.annotation.SerdeImport;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The answer of {@code GET /workers}: one line per service (how many groups and members it has, its
 * summed lag), so a reader sees at a glance whether a service has no instance at all, then the groups
 * themselves. Pure: built from what the reader returned.
 *
 * @param services the four services in pipeline order, each present even without a group
 */
@Serdeable
public record WorkersView(List<ServiceLine> services,
                          // [] rather than absent: no group at all is an answer the reader should see
                          @JsonInclude(JsonInclude.Include.ALWAYS) List<WorkerGroup> groups) {

    static final List<String> SERVICES = List.of(WorkerServices.SCHEDULER, WorkerServices.EXTRACTOR,
            WorkerServices.TRANSFORMER, WorkerServices.LOADER);

    /**
     * @param members the members of all its groups (instances; Kafka Streams threads for the scheduler)
     * @param lag     the sum of its groups' known lags; null when none is known
     */
    @Serdeable
    public record ServiceLine(String service, int groups, int members, Long lag) {
    }

    /** @param service only this service's groups and line, or null for all */
    static WorkersView of(List<WorkerGroup> groups, String service) {
        List<WorkerGroup> shown = groups.stream().filter(group -> service == null || group.service().equals(service)).toList();
        List<ServiceLine> lines = new ArrayList<>();
        for (String name : SERVICES) {
            if (service != null && !service.equals(name)) {
                continue;
            }
            List<WorkerGroup> own = shown.stream().filter(group -> group.service().equals(name)).toList();
            Long lag = own.stream().map(WorkerGroup::lag).filter(Objects::nonNull).reduce(Long::sum).orElse(null);
            lines.add(new ServiceLine(name, own.size(), own.stream().mapToInt(group -> group.members().size()).sum(), lag));
        }
        return new WorkersView(lines, shown);
    }
}

/** The groups are kafka-support's records, which know nothing of Micronaut: their serialisation is declared here. */
@SerdeImport(WorkerGroup.class)
@SerdeImport(WorkerGroup.Member.class)
@SerdeImport(WorkerGroup.PartitionLag.class)
interface WorkerGroupSerde {
}
