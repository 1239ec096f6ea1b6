package io.conveyor.pipeline.spec.param;

import io.conveyor.pipeline.spec.source.CsvSource;
import io.conveyor.pipeline.spec.source.JsonArraySource;
import io.conveyor.pipeline.spec.source.JsonLinesSource;
import io.conveyor.pipeline.spec.source.ParquetSource;
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
        if (source instanceof CsvSource csv) {
            return new CsvSource(parameters.expand(csv.path(), "source.path"), csv.header(), csv.delimiter(), csv.quote(),
                    csv.escape(), csv.encoding(), csv.gzip(), csv.columns(), csv.nullValue());
        }
        if (source instanceof JsonLinesSource lines) {
            return new JsonLinesSource(parameters.expand(lines.path(), "source.path"), lines.encoding(), lines.gzip());
        }
        if (source instanceof JsonArraySource array) {
            return new JsonArraySource(parameters.expand(array.path(), "source.path"), array.encoding(), array.gzip());
        }
        if (source instanceof ParquetSource parquet) {
            return new ParquetSource(parameters.expand(parquet.path(), "source.path"));
        }
        return source;
    }
}
