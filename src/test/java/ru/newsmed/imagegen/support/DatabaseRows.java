package ru.newsmed.imagegen.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.env.Environment;

/**
 * Every row of the service's own tables (imagegen_work, imagegen_routing), each as the text of its
 * columns, read over a plain JDBC connection of its own to the context's IMAGE_DB_URL (an H2 file
 * database opened again in the same JVM is the same database): what a secrets check looks through.
 */
public final class DatabaseRows {

    private static final List<String> TABLES = List.of("imagegen_work", "imagegen_routing");

    private DatabaseRows() {
    }

    /** The rows of the service running with {@code environment}, "table: column=value, ..." each. */
    public static List<String> of(Environment environment) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(environment.getRequiredProperty("imagegen.db.url"),
                environment.getProperty("imagegen.db.user", ""), environment.getProperty("imagegen.db.password", ""));
             Statement sql = connection.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet row = sql.executeQuery("SELECT * FROM " + table)) {
                    while (row.next()) {
                        StringBuilder text = new StringBuilder(table).append(':');
                        for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                            text.append(' ').append(row.getMetaData().getColumnLabel(column)).append('=').append(row.getString(column));
                        }
                        rows.add(text.toString());
                    }
                }
            }
        }
        return rows;
    }
}
