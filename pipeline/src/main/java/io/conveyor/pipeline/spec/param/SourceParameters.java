package io.conveyor.pipeline.spec.param;

import io.conveyor.pipeline.spec.source.FileSource;
import io.conveyor.pipeline.spec.source.SourceSpec;

/**
 * Resolves run parameters in a source's templated settings: the {@code path} of file sources.
 * JDBC queries and HTTP URLs are deliberately not templated (SQL built from trigger input invites
 * injection; a URL template would not be a valid URI when the pipeline is validated).
 */
public final class SourceParameters {

    private SourceParameters() {
    }

    public static SourceSpec resolve(SourceSpec source, RunParameters parameters) {
        if (source instanceof FileSource file) {
            return file.withPath(parameters.expand(file.path(), "source.path"));
        }
        return source;
    }
}
