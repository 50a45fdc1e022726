package ru.newsmed.imagegen.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresServerTest {

    @Test
    void twoNewDatabasesAreSeparateAndEachWritableWithItsOwnRolesPassword() throws SQLException {
        PostgresDatabase first = PostgresServer.newDatabase();
        PostgresDatabase second = PostgresServer.newDatabase();

        write(first, "first");
        write(second, "second");

        assertThat(first.url()).isNotEqualTo(second.url());
        assertThat(first.user()).isNotEqualTo(second.user());
        assertThat(read(first)).isEqualTo("first");
        assertThat(read(second)).isEqualTo("second");
    }

    @Test
    void aConnectionWithAWrongPasswordIsRefused() {
        PostgresDatabase database = PostgresServer.newDatabase();

        assertThatThrownBy(() -> DriverManager.getConnection(database.url(), database.user(), "wrong").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void theServerIsPostgreSql13OrNewer() throws SQLException {
        try (Connection connection = PostgresServer.newDatabase().connect()) {
            assertThat(connection.getMetaData().getDatabaseMajorVersion()).isGreaterThanOrEqualTo(13);
        }
    }

    @Test
    void aDatabaseShowsItsUrlAndUserButNotItsPasswordInToString() {
        PostgresDatabase database = PostgresServer.newDatabase();

        assertThat(database.toString()).contains(database.url(), database.user()).doesNotContain(database.password());
    }

    private static void write(PostgresDatabase database, String value) throws SQLException {
        try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE note (text varchar(20))");
            sql.execute("INSERT INTO note VALUES ('" + value + "')");
        }
    }

    private static String read(PostgresDatabase database) throws SQLException {
        try (Connection connection = database.connect(); Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT string_agg(text, ',') FROM note")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
