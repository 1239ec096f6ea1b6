package io.conveyor.pipeline.spec.source;

import io.conveyor.pipeline.spec.Password;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table or query in a JDBC database. With a watermark column the extract is incremental: it reads
 * only rows whose watermark is above the one reached by the previous run, paging by key columns.
 *
 * @param keyColumns columns for keyset paging, in order; required with a watermark column
 */
public record JdbcSource(String url, Optional<String> user, Optional<Password> password, Relation relation,
                         Optional<String> watermarkColumn, List<String> keyColumns, int fetchSize)
        implements SourceSpec {

    public static final int DEFAULT_FETCH_SIZE = 1000;

    public JdbcSource {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(watermarkColumn, "watermarkColumn");
        keyColumns = List.copyOf(keyColumns);
        if (watermarkColumn.isPresent() && keyColumns.isEmpty()) {
            throw new IllegalArgumentException("an incremental JDBC source needs key columns");
        }
        if (fetchSize < 1) {
            throw new IllegalArgumentException("fetchSize must be positive: " + fetchSize);
        }
    }

    public boolean incremental() {
        return watermarkColumn.isPresent();
    }

    /** What to read: exactly one of a table and a query. */
    public sealed interface Relation {
    }

    public record Table(String name) implements Relation {

        public Table {
            Objects.requireNonNull(name, "name");
        }
    }

    public record Query(String sql) implements Relation {

        public Query {
            Objects.requireNonNull(sql, "sql");
        }
    }
}
