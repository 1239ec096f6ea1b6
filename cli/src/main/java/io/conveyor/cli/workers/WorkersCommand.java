package io.conveyor.cli.workers;

import io.conveyor.cli.CliFailure;
import io.conveyor.cli.ConveyorCli;
import io.conveyor.cli.ExitCodes;
import io.conveyor.cli.render.TextTable;
import io.conveyor.kafka.groups.ConsumerGroupReadException;
import io.conveyor.kafka.groups.ConsumerGroupReader;
import io.conveyor.kafka.groups.WorkerGroup;
import io.conveyor.kafka.groups.WorkerServices;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code conveyor workers}: each service's consumer groups, their instances, assigned partitions and
 * consumer lag. Read from Kafka itself rather than through the scheduler: a worker pool is a consumer
 * group, and the broker is the one place that knows its members, even while the scheduler is down.
 */
@Command(name = "workers", mixinStandardHelpOptions = true,
        description = {"Shows each service's consumer groups: their instances (members), assigned partitions and consumer lag.",
                "Reads Kafka's consumer-group metadata (env CONVEYOR_BOOTSTRAP_SERVERS), not the scheduler."})
public final class WorkersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT",
            defaultValue = "${env:CONVEYOR_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "Kafka brokers (env CONVEYOR_BOOTSTRAP_SERVERS; default ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Kafka client properties (security.protocol, sasl.*, ssl.*) as for Kafka's own tools.")
    Path commandConfig;

    @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = "${env:CONVEYOR_TOPIC_PREFIX:-conveyor}",
            description = "The installation's topic prefix (env CONVEYOR_TOPIC_PREFIX; default ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--tracker-group", paramLabel = "GROUP", defaultValue = "conveyor-tracker",
            description = "The DAG tracker's application id (conveyor.tracker.application-id; default ${DEFAULT-VALUE}).")
    String trackerGroup;

    @Option(names = "--extractor-group", paramLabel = "GROUP", defaultValue = "conveyor-extractor",
            description = "The extractors' consumer group (conveyor.extractor.consumer-group; default ${DEFAULT-VALUE}).")
    String extractorGroup;

    @Option(names = "--service", paramLabel = "SERVICE", description = "Only this service: scheduler, extractor, transformer or loader.")
    String service;

    @Option(names = "--all", description = "Also every other consumer group on the cluster.")
    boolean all;

    @Override
    public Integer call() {
        ConveyorCli cli = ConveyorCli.of(spec);
        if (service != null && !List.of(WorkerServices.SCHEDULER, WorkerServices.EXTRACTOR, WorkerServices.TRANSFORMER,
                WorkerServices.LOADER).contains(service)) {
            throw CliFailure.invalid("--service must be scheduler, extractor, transformer or loader, was '" + service + "'");
        }
        List<WorkerGroup> groups;
        try (Admin admin = Admin.create(adminConfig())) {
            groups = new ConsumerGroupReader(admin, bootstrapServers)
                    .read(new WorkerServices(prefix, trackerGroup, extractorGroup), all);
        } catch (ConsumerGroupReadException e) {
            // The reader names the step and the brokers; the CLI adds where the address came from.
            throw new CliFailure(ExitCodes.UNAVAILABLE, e.getMessage()
                    + (e.getCause() instanceof TimeoutException ? " (--bootstrap-servers or CONVEYOR_BOOTSTRAP_SERVERS)" : ""), e);
        } catch (KafkaException e) {
            throw new CliFailure(ExitCodes.UNAVAILABLE, "cannot use Kafka at " + bootstrapServers + ": " + e.getMessage(), e);
        }
        if (service != null) {
            groups = groups.stream().filter(group -> group.service().equals(service)).toList();
        }
        if (cli.json()) {
            cli.printJson(groups);
            return ExitCodes.OK;
        }
        cli.out().print(groups.isEmpty() ? "No consumer groups of Conveyor's services on " + bootstrapServers + "." + System.lineSeparator()
                : table(groups).render());
        cli.out().flush();
        return ExitCodes.OK;
    }

    private Map<String, Object> adminConfig() {
        Map<String, Object> config = new HashMap<>();
        if (commandConfig != null) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(commandConfig)) {
                properties.load(reader);
            } catch (IOException e) {
                throw CliFailure.invalid("cannot read --command-config " + commandConfig.toAbsolutePath() + ": " + e.getMessage());
            }
            properties.forEach((key, value) -> config.put(key.toString(), value));
        }
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "conveyor-cli");
        // Fail within the command's patience instead of the admin client's default of a minute of retries.
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        return config;
    }

    /** One row per member (an instance; a Kafka Streams thread for the tracker), one for a group without members. */
    static TextTable table(List<WorkerGroup> groups) {
        TextTable table = TextTable.of("SERVICE", "GROUP", "STATE", "MEMBER", "HOST", "PARTITIONS", ">LAG");
        for (WorkerGroup group : groups) {
            if (group.members().isEmpty()) {
                table.row(group.service(), group.group(), group.state(), null, null,
                        group.unassigned().isEmpty() ? null : "(unassigned) " + partitions(group.unassigned()), group.lag());
            }
            for (WorkerGroup.Member member : group.members()) {
                table.row(group.service(), group.group(), group.state(),
                        member.instanceId() != null ? member.instanceId() : member.clientId(), member.host(),
                        partitions(member.partitions()), member.lag());
            }
        }
        return table;
    }

    /** {@code topic[0,1,2] other[0]}: partitions grouped by topic. */
    static String partitions(List<WorkerGroup.PartitionLag> partitions) {
        if (partitions.isEmpty()) {
            return "none";
        }
        Map<String, StringJoiner> byTopic = new TreeMap<>();
        partitions.forEach(p -> byTopic.computeIfAbsent(p.topic(), t -> new StringJoiner(",", t + "[", "]"))
                .add(Integer.toString(p.partition())));
        StringJoiner text = new StringJoiner(" ");
        byTopic.values().forEach(joiner -> text.add(joiner.toString()));
        return text.toString();
    }
}
