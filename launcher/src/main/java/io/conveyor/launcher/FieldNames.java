package io.conveyor.launcher;

import io.conveyor.extractor.source.csv.CsvRecordSource;
import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.pipeline.spec.TaskWork;
import io.conveyor.pipeline.spec.fields.AvroFieldNames;
import io.conveyor.pipeline.spec.param.RunParameters;
import io.conveyor.pipeline.spec.param.SourceParameters;
import io.conveyor.pipeline.spec.param.UnresolvedParameterException;
import io.conveyor.pipeline.spec.source.CsvSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Avro names the extractor gives the columns of each CSV source, where they differ from the
 * source's spelling: rules may use either, but the records, the warehouse and the dead letters carry
 * the Avro names, so validation shows them before a run.
 */
final class FieldNames {

    private FieldNames() {
    }

    /**
     * One line per renamed column, e.g. {@code extract: "Cost Total $" -> Cost_Total__}. A file that
     * cannot be read yet shows nothing: the run's extract task reports it.
     *
     * @param parameters the run's parameters, over the pipeline's
     */
    static List<String> renamed(PipelineSpec pipeline, Map<String, String> parameters) {
        Map<String, String> values = new HashMap<>(pipeline.parameters());
        values.putAll(parameters);
        List<String> lines = new ArrayList<>();
        for (TaskSpec task : pipeline.tasks()) {
            if (task.work() instanceof TaskWork.Extract extract && extract.source() instanceof CsvSource csv) {
                try {
                    CsvSource resolved = (CsvSource) SourceParameters.resolve(csv, new RunParameters(values));
                    List<String> columns = CsvRecordSource.columns(resolved);
                    List<String> names = AvroFieldNames.distinct(columns);
                    for (int i = 0; i < columns.size(); i++) {
                        if (!columns.get(i).equals(names.get(i))) {
                            lines.add("%s: \"%s\" -> %s".formatted(task.id(), columns.get(i), names.get(i)));
                        }
                    }
                } catch (IOException | UnresolvedParameterException notReadableYet) {
                    // The extract task fails with the reason when the run reads the file.
                }
            }
        }
        return lines;
    }
}
