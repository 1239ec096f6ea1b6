package io.conveyor.launcher.example;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads the example's result from the warehouse file once the loader has let go of it. */
public final class WarehouseTable {

    private WarehouseTable() {
    }

    public static long count(Path warehouse, String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + warehouse);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
