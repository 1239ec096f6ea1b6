package io.conveyor.pipeline.spec.fields;

import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.pipeline.spec.TaskWork;
import io.conveyor.pipeline.spec.source.CsvSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The fields an extract task's records have, where the pipeline file declares them. */
public final class SourceFields {

    private SourceFields() {
    }

    /**
     * The fields of a CSV source with {@code columns}; empty for every other source, whose fields
     * are only known when it is read (a CSV file's header, JSON members, a table's columns).
     */
    public static Optional<List<FlowField>> declared(TaskSpec task) {
        if (task.work() instanceof TaskWork.Extract extract && extract.source() instanceof CsvSource csv
                && !csv.columns().isEmpty()) {
            return Optional.of(columns(csv.columns()));
        }
        return Optional.empty();
    }

    /** Text fields for the given column names, named as the extractor names them. */
    public static List<FlowField> columns(List<String> columns) {
        List<String> names = AvroFieldNames.distinct(columns);
        List<FlowField> fields = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            fields.add(FlowField.text(names.get(i), columns.get(i)));
        }
        return List.copyOf(fields);
    }
}
