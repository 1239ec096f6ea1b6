package io.conveyor.pipeline.spec.param;

import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.pipeline.spec.TaskWork;
import io.conveyor.pipeline.spec.source.FileSource;
import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The run parameters a pipeline knows: its declared defaults and every {@code ${name}} its templated
 * settings (the paths of file sources, see {@link SourceParameters}) refer to. A trigger naming any
 * other parameter is refused: the parameter would change nothing, and a misspelt {@code inptu} must
 * not start a run over the default input.
 */
public final class PipelineParameters {

    private PipelineParameters() {
    }

    public static SortedSet<String> names(PipelineSpec spec) {
        SortedSet<String> names = new TreeSet<>(spec.parameters().keySet());
        for (TaskSpec task : spec.tasks()) {
            if (task.work() instanceof TaskWork.Extract extract && extract.source() instanceof FileSource file) {
                names.addAll(RunParameters.references(file.path()));
            }
        }
        return Collections.unmodifiableSortedSet(names);
    }

    /** The names among {@code given} that {@code spec} does not know, sorted. */
    public static SortedSet<String> unknown(PipelineSpec spec, Map<String, String> given) {
        SortedSet<String> unknown = new TreeSet<>(given.keySet());
        unknown.removeAll(names(spec));
        return Collections.unmodifiableSortedSet(unknown);
    }
}
