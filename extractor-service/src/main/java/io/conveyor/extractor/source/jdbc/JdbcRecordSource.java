package io.conveyor.extractor.source.jdbc;

import io.conveyor.extractor.source.RecordSource;
import io.conveyor.extractor.source.SourceContext;
import io.conveyor.extractor.source.SourceItem;
import io.conveyor.pipeline.spec.source.JdbcSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * A table or query read page by page. With key columns each page is the next {@code fetchSize} rows in
 * key order after the last key read (keyset paging), so a resume starts exactly after the last
 * committed row; an incremental source also bounds the watermark column between the previous run's
 * watermark and the highest value present when the run began. Without key columns the relation is
 * streamed in one query and a resume skips the rows already read, which is exact only when the
 * relation's order is stable.
 */
public final class JdbcRecordSource implements RecordSource {

    private final JdbcSource spec;
    private final Connection connection;
    private final JdbcQueries queries;
    private final List<ColumnMapping> columns;
    private final Schema schema;
    private JdbcPosition position;
    private PreparedStatement statement;
    private ResultSet page;
    private int rowsInPage;
    private boolean lastPage;

    private JdbcRecordSource(JdbcSource spec, Connection connection, JdbcQueries queries, List<ColumnMapping> columns,
                             Schema schema, JdbcPosition position) {
        this.spec = spec;
        this.connection = connection;
        this.queries = queries;
        this.columns = columns;
        this.schema = schema;
        this.position = position;
    }

    public static JdbcRecordSource open(JdbcSource spec, SourceContext context) throws IOException {
        try {
            Connection connection = connect(spec, context);
            try {
                JdbcQueries queries = JdbcQueries.of(spec, connection);
                List<ColumnMapping> columns = queries.columns();
                JdbcPosition position = context.resumeFrom().map(JdbcPosition::fromJson)
                        .orElseGet(() -> fresh(queries, context.lowWatermark()));
                return new JdbcRecordSource(spec, connection, queries, columns, ColumnMapping.recordSchema(context.recordName(), columns),
                        position);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new IOException("cannot open " + relationName(spec) + " at " + spec.url() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<SourceItem> next() throws IOException {
        try {
            if (!advance()) {
                return Optional.empty();
            }
            List<String> key = queries.keyOf(page);
            String where = describe(key);
            position = position.after(key);
            return Optional.of(item(where));
        } catch (SQLException e) {
            throw new IOException("reading " + relationName(spec) + " failed after " + position.rows() + " rows: " + e.getMessage(), e);
        }
    }

    @Override
    public String position() {
        return position.toJson();
    }

    @Override
    public Optional<String> watermark() {
        return spec.incremental() ? Optional.ofNullable(position.upper() != null ? position.upper() : position.lower())
                : Optional.empty();
    }

    @Override
    public void close() throws IOException {
        try {
            closePage();
            connection.close();
        } catch (SQLException e) {
            throw new IOException("cannot close the connection to " + spec.url(), e);
        }
    }

    private static JdbcPosition fresh(JdbcQueries queries, Optional<String> lower) {
        try {
            return new JdbcPosition(null, 0, lower.orElse(null), queries.upperWatermark(lower).orElse(null));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the highest watermark of " + queries + ": " + e.getMessage(), e);
        }
    }

    /** Moves to the next row, opening the next page when one is used up; false at the end. */
    private boolean advance() throws SQLException {
        if (spec.incremental() && position.upper() == null) {
            return false;
        }
        if (page != null && page.next()) {
            rowsInPage++;
            return true;
        }
        if (page != null && (lastPage || rowsInPage < queries.pageSize())) {
            return false;
        }
        closePage();
        statement = queries.nextPage(position);
        page = statement.executeQuery();
        lastPage = !queries.paged();
        rowsInPage = 0;
        if (page.next()) {
            rowsInPage++;
            return true;
        }
        return false;
    }

    private SourceItem item(String where) throws SQLException {
        GenericRecord record = new GenericData.Record(schema);
        List<String> texts = new ArrayList<>(columns.size());
        try {
            for (int i = 0; i < columns.size(); i++) {
                Object value = columns.get(i).reader().read(page, i + 1);
                texts.add(String.valueOf(value));
                record.put(i, value);
            }
            return new SourceItem.Extracted(record);
        } catch (ArithmeticException | SQLException e) {
            String column = columns.get(texts.size()).column();
            byte[] row = String.join(",", texts).getBytes(StandardCharsets.UTF_8);
            return new SourceItem.Rejected(where, row, "column " + column + " cannot be represented: " + e.getMessage(),
                    e.getClass().getName());
        }
    }

    private String describe(List<String> key) {
        return relationName(spec) + (key.isEmpty() ? " row " + (position.rows() + 1) : " key " + key);
    }

    private static String relationName(JdbcSource spec) {
        return spec.relation() instanceof JdbcSource.Table table ? table.name() : "query";
    }

    private void closePage() throws SQLException {
        if (statement != null) {
            statement.close();
            statement = null;
            page = null;
        }
    }

    private static Connection connect(JdbcSource spec, SourceContext context) throws SQLException {
        Properties properties = new Properties();
        spec.user().ifPresent(user -> properties.setProperty("user", user));
        spec.password().ifPresent(password -> properties.setProperty("password", password.reveal(context.environment())));
        Connection connection = DriverManager.getConnection(spec.url(), properties);
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
        return connection;
    }
}
