package io.conveyor.extractor.source.jdbc;

import io.conveyor.pipeline.spec.source.JdbcSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The SQL a JDBC source runs. Key and watermark values travel as text and are cast back to their
 * column's type in the query ({@code CAST(? AS type)}), which keeps the checkpoint and the stored
 * watermark plain text whatever the column type is. Column names are used as written in the spec.
 */
final class JdbcQueries {

    private final JdbcSource spec;
    private final Connection connection;
    private final String from;
    private final List<ColumnMapping> columns;

    private JdbcQueries(JdbcSource spec, Connection connection, String from, List<ColumnMapping> columns) {
        this.spec = spec;
        this.connection = connection;
        this.from = from;
        this.columns = columns;
    }

    static JdbcQueries of(JdbcSource spec, Connection connection) throws SQLException {
        String from = spec.relation() instanceof JdbcSource.Query query ? "(" + query.sql() + ") src"
                : ((JdbcSource.Table) spec.relation()).name() + " src";
        try (PreparedStatement statement = connection.prepareStatement("SELECT * FROM " + from + " WHERE 1 = 0");
             ResultSet empty = statement.executeQuery()) {
            return new JdbcQueries(spec, connection, from, ColumnMapping.of(empty.getMetaData()));
        }
    }

    List<ColumnMapping> columns() {
        return columns;
    }

    boolean paged() {
        return !spec.keyColumns().isEmpty();
    }

    int pageSize() {
        return spec.fetchSize();
    }

    List<String> keyOf(ResultSet row) throws SQLException {
        List<String> key = new ArrayList<>(spec.keyColumns().size());
        for (String column : spec.keyColumns()) {
            key.add(row.getString(column));
        }
        return key;
    }

    /** The highest watermark above {@code lower} now, fixing the upper bound of this run. */
    Optional<String> upperWatermark(Optional<String> lower) throws SQLException {
        if (!spec.incremental()) {
            return Optional.empty();
        }
        String watermark = spec.watermarkColumn().orElseThrow();
        String sql = "SELECT CAST(max(" + watermark + ") AS varchar) FROM " + from
                + lower.map(l -> " WHERE " + watermark + " > " + cast(watermark)).orElse("");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (lower.isPresent()) {
                statement.setString(1, lower.get());
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return Optional.ofNullable(result.getString(1));
            }
        }
    }

    /** The query for the rows after {@code position}; the caller closes it. */
    PreparedStatement nextPage(JdbcPosition position) throws SQLException {
        List<String> conditions = new ArrayList<>();
        List<String> parameters = new ArrayList<>();
        spec.watermarkColumn().ifPresent(watermark -> {
            if (position.lower() != null) {
                conditions.add(watermark + " > " + cast(watermark));
                parameters.add(position.lower());
            }
            conditions.add(watermark + " <= " + cast(watermark));
            parameters.add(position.upper());
        });
        if (paged() && position.lastKey() != null) {
            conditions.add("(" + String.join(", ", spec.keyColumns()) + ") > ("
                    + spec.keyColumns().stream().map(this::cast).collect(Collectors.joining(", ")) + ")");
            parameters.addAll(position.lastKey());
        }
        StringBuilder sql = new StringBuilder("SELECT * FROM ").append(from);
        if (!conditions.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        if (paged()) {
            sql.append(" ORDER BY ").append(String.join(", ", spec.keyColumns())).append(" LIMIT ").append(spec.fetchSize());
        } else if (position.rows() > 0) {
            sql.append(" OFFSET ").append(position.rows());
        }
        PreparedStatement statement = connection.prepareStatement(sql.toString());
        statement.setFetchSize(spec.fetchSize());
        for (int i = 0; i < parameters.size(); i++) {
            statement.setString(i + 1, parameters.get(i));
        }
        return statement;
    }

    private String cast(String column) {
        return "CAST(? AS " + typeOf(column) + ")";
    }

    private String typeOf(String column) {
        return columns.stream().filter(c -> c.column().toLowerCase(Locale.ROOT).equals(column.toLowerCase(Locale.ROOT)))
                .map(ColumnMapping::sqlTypeName).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("column " + column + " is not in " + from));
    }

    @Override
    public String toString() {
        return from;
    }
}
