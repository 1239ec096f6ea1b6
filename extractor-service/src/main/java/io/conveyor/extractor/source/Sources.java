package io.conveyor.extractor.source;

import io.conveyor.extractor.source.csv.CsvRecordSource;
import io.conveyor.extractor.source.json.JsonArrayRecordSource;
import io.conveyor.extractor.source.json.JsonLinesRecordSource;
import io.conveyor.extractor.source.jdbc.JdbcRecordSource;
import io.conveyor.extractor.source.http.HttpRecordSource;
import io.conveyor.extractor.source.parquet.ParquetRecordSource;
import io.conveyor.pipeline.spec.source.CsvSource;
import io.conveyor.pipeline.spec.source.ParquetSource;
import io.conveyor.pipeline.spec.source.HttpSource;
import io.conveyor.pipeline.spec.source.JdbcSource;
import io.conveyor.pipeline.spec.source.JsonArraySource;
import io.conveyor.pipeline.spec.source.JsonLinesSource;
import io.conveyor.pipeline.spec.source.SourceSpec;
import java.io.IOException;

/** Opens the reader for each kind of source. */
public final class Sources {

    private Sources() {
    }

    public static RecordSource open(SourceSpec spec, SourceContext context) throws IOException {
        if (spec instanceof CsvSource csv) {
            return CsvRecordSource.open(csv, context);
        }
        if (spec instanceof JsonLinesSource lines) {
            return JsonLinesRecordSource.open(lines, context);
        }
        if (spec instanceof JsonArraySource array) {
            return JsonArrayRecordSource.open(array, context);
        }
        if (spec instanceof JdbcSource jdbc) {
            return JdbcRecordSource.open(jdbc, context);
        }
        if (spec instanceof HttpSource http) {
            return HttpRecordSource.open(http, context);
        }
        if (spec instanceof ParquetSource parquet) {
            return ParquetRecordSource.open(parquet, context);
        }
        throw new IllegalArgumentException("no reader for " + spec.getClass().getSimpleName());
    }
}
