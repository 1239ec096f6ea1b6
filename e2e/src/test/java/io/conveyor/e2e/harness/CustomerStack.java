package io.conveyor.e2e.harness;

import io.conveyor.testkit.ConveyorStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One scheduler and one instance of each data-path service as separate processes, with the customers
 * pipeline (CSV -> clean -> PostgreSQL, batches of 1,000, data topics of 3 partitions) deployed on its
 * own topics and schema: what the single-instance end-to-end tests start from. Closing it stops the
 * processes and drops the schema.
 */
public record CustomerStack(ServiceFleet fleet, TargetDatabase database, CustomerPipeline pipeline, StackPipelines pipelines,
                            ServiceProcess scheduler, ServiceProcess extractor, ServiceProcess transformer,
                            ServiceProcess loader) implements AutoCloseable {

    /** @param name the installation's name (its topic prefix and schema), made unique */
    public static CustomerStack start(ConveyorStack stack, String name, CustomerCsv csv) throws Exception {
        return start(stack, name, csv, Map.of());
    }

    /** @param schedulerEnvironment more environment variables of the scheduler (alert channels, ...) */
    public static CustomerStack start(ConveyorStack stack, String name, CustomerCsv csv, Map<String, String> schedulerEnvironment)
            throws Exception {
        String installation = ConveyorStack.uniqueName(name);
        ServiceFleet fleet = new ServiceFleet(stack, installation, 1);
        TargetDatabase database = new TargetDatabase(installation.replace('-', '_'));
        try {
            Path file = Files.createDirectories(fleet.logs()).resolve("customers.csv");
            csv.write(file);
            CustomerPipeline pipeline = new CustomerPipeline("customers", file, database.schema(), "customers", 1000);
            pipeline.createTopics(stack, fleet.names(), 3);
            database.createCustomers(pipeline.table());

            ServiceProcess scheduler = fleet.scheduler("scheduler-1", schedulerEnvironment);
            ServiceProcess extractor = fleet.extractor("extractor-1", "256m");
            ServiceProcess transformer = fleet.transformer("transformer-1", "256m");
            ServiceProcess loader = fleet.loader("loader-1", "256m");
            ServiceFleet.startAll(List.of(scheduler, extractor, transformer, loader));
            StackPipelines pipelines = new StackPipelines(stack, fleet.names(), scheduler);
            pipelines.deploy(pipeline.yaml(), "customers.yaml");
            return new CustomerStack(fleet, database, pipeline, pipelines, scheduler, extractor, transformer, loader);
        } catch (Exception | Error e) {
            fleet.close();
            database.close();
            throw e;
        }
    }

    /** The consumer group of the transformer's task. */
    public String transformerGroup() {
        return fleet.names().prefix() + ".transformer." + pipeline.name() + "." + CustomerPipeline.CLEAN;
    }

    @Override
    public void close() {
        fleet.close();
        database.close();
    }
}
