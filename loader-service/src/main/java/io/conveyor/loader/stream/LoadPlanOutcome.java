package io.conveyor.loader.stream;

import io.conveyor.control.TaskCommand;
import io.conveyor.loader.duckdb.DuckDbWarehouse;
import io.conveyor.loader.postgres.PostgresWarehouse;
import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.pipeline.spec.TaskWork;
import io.conveyor.pipeline.spec.canonical.CanonicalJsonException;
import io.conveyor.pipeline.spec.sink.FileSink;
import io.conveyor.pipeline.spec.sink.KafkaSink;
import io.conveyor.pipeline.spec.sink.PostgresSink;
import io.conveyor.pipeline.spec.sink.WarehouseSink;
import java.nio.file.Path;
import java.util.Optional;

/** A run's load plan, or why its command cannot be carried out (the task then fails). */
public sealed interface LoadPlanOutcome {

    record Ready(LoadPlan plan) implements LoadPlanOutcome {
    }

    record Invalid(String message) implements LoadPlanOutcome {
    }

    /** A file or Kafka sink: loaded by the Kafka-committed sink workers (io.conveyor.loader.sink), not here. */
    record Elsewhere() implements LoadPlanOutcome {
    }

    static LoadPlanOutcome of(TaskCommand command, LoaderSettings settings) {
        try {
            TaskSpec task = TaskSpec.fromCanonicalJson(command.getConfig());
            if (!(task.work() instanceof TaskWork.Load load)) {
                return new Invalid("task " + task.id() + " is not a load task");
            }
            if (load.sink() instanceof FileSink || load.sink() instanceof KafkaSink) {
                return new Elsewhere();
            }
            if (load.sink() instanceof PostgresSink postgres) {
                try {
                    settings.allowedHosts().checkUrl("postgres sink", postgres.url());
                } catch (IllegalArgumentException refused) {
                    return new Invalid("task " + task.id() + ": " + refused.getMessage());
                }
                return new Ready(new LoadPlan(command, new PostgresWarehouse(postgres, settings.environment()),
                        postgres.target(), task.settings()));
            }
            if (load.sink() instanceof WarehouseSink warehouse && warehouse.path().isPresent()) {
                try {
                    settings.fileRoots().check("warehouse file", warehouse.path().get());
                } catch (IllegalArgumentException outside) {
                    return new Invalid("task " + task.id() + ": " + outside.getMessage());
                }
            }
            if (load.sink() instanceof WarehouseSink warehouse) {
                Optional<Path> file = warehouse.path().map(Path::of).or(settings::warehousePath);
                if (file.isEmpty()) {
                    return new Invalid("task " + task.id() + " loads into the default warehouse, but this loader has none"
                            + " (conveyor.loader.warehouse-path)");
                }
                return new Ready(new LoadPlan(command, new DuckDbWarehouse(file.get()), warehouse.target(), task.settings()));
            }
            return new Invalid("the loader supports postgres and warehouse sinks only, task " + task.id() + " has "
                    + load.sink().getClass().getSimpleName());
        } catch (CanonicalJsonException e) {
            return new Invalid(e.getMessage());
        }
    }
}
