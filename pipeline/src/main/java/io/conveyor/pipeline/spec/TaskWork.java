package io.conveyor.pipeline.spec;

import io.conveyor.pipeline.spec.rule.RuleSpec;
import io.conveyor.pipeline.spec.sink.SinkSpec;
import io.conveyor.pipeline.spec.source.SourceSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a task does; one variant per {@link TaskKind}. */
public sealed interface TaskWork {

    TaskKind kind();

    /** Reads records from a source into the pipeline. */
    record Extract(SourceSpec source) implements TaskWork {

        public Extract {
            Objects.requireNonNull(source, "source");
        }

        @Override
        public TaskKind kind() {
            return TaskKind.EXTRACT;
        }
    }

    /** Applies rules in order and, if a schema is given, enforces it on every output record. */
    record Transform(List<RuleSpec> rules, Optional<TargetSchema> schema) implements TaskWork {

        public Transform {
            rules = List.copyOf(rules);
            Objects.requireNonNull(schema, "schema");
        }

        @Override
        public TaskKind kind() {
            return TaskKind.TRANSFORM;
        }
    }

    /** Writes records to a sink. */
    record Load(SinkSpec sink) implements TaskWork {

        public Load {
            Objects.requireNonNull(sink, "sink");
        }

        @Override
        public TaskKind kind() {
            return TaskKind.LOAD;
        }
    }

    /** Runs a SQL statement. */
    record Sql(String statement) implements TaskWork {

        public Sql {
            Objects.requireNonNull(statement, "statement");
        }

        @Override
        public TaskKind kind() {
            return TaskKind.SQL;
        }
    }
}
