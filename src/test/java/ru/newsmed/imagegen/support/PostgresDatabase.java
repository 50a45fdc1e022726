package ru.newsmed.imagegen.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A fresh database on the test JVM's {@link PostgresServer}, owned by its own login role: what a
 * test hands the service as IMAGE_DB_URL, IMAGE_DB_USER and IMAGE_DB_PASSWORD.
 */
public record PostgresDatabase(String url, String user, String password) {

    /** A new connection as the database's owner, over TCP with its password. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Without the password, so that a test's log never shows it. */
    @Override
    public String toString() {
        return "PostgresDatabase[url=" + url + ", user=" + user + ", password=***]";
    }
}
