package ru.newsmed.imagegen.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Our own database ({@code IMAGE_DB_URL}: an H2 file under {@code data/} by default, or PostgreSQL),
 * migrated by Flyway from {@code imagegen/db/migration} at start-up, with its own history table.
 * A pool of our own and never a {@code DataSource} bean, so a host ESB's DataSource, its JDBC
 * auto-configuration and its migrations stay its own. The few statements the work needs run
 * through {@link #update} and {@link #query}; an {@link Instant} parameter is a UTC timestamp.
 */
@Component("imagegenDatabase")
public class ImagegenDatabase implements DisposableBean {

    /** Reads one row. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ImagegenDatabase.class);

    private final HikariDataSource pool;
    private final String type;

    public ImagegenDatabase(@Value("${imagegen.db.url}") String url, @Value("${imagegen.db.user:}") String user,
                            @Value("${imagegen.db.password:}") String password,
                            @Value("${imagegen.db.pool-size:10}") int poolSize) {
        this.type = typeOf(url);
        HikariConfig config = new HikariConfig();
        config.setPoolName("imagegen-db");
        config.setJdbcUrl(durable(url.strip()));
        if (!user.isBlank()) {
            config.setUsername(user);
        }
        if (!password.isEmpty()) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(10_000);
        this.pool = new HikariDataSource(config);
        LOG.info("Database: {} at {}", type, url.replaceAll("[?;].*", ""));
        try {
            Flyway.configure().dataSource(pool).locations("classpath:imagegen/db/migration")
                    .table("imagegen_schema_history").baselineOnMigrate(true).baselineVersion("0")
                    .failOnMissingLocations(true).load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** h2 or postgresql. */
    public String type() {
        return type;
    }

    /** Whether a connection answers within 2 s. */
    public boolean up() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Runs an INSERT, UPDATE or DELETE; answers the rows it changed. */
    public int update(String sql, Object... parameters) throws SQLException {
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    /** Runs a SELECT; answers its rows as {@code row} reads them. */
    public <T> List<T> query(String sql, Row<T> row, Object... parameters) throws SQLException {
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(row.read(rows));
            }
            return result;
        }
    }

    /** A timestamp column as an Instant (null stays null). */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Whether the failure is a unique constraint refusing a second row (SQLSTATE 23505 on H2 and PostgreSQL). */
    public static boolean duplicate(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    @Override
    public void destroy() {
        pool.close();
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i] instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : parameters[i];
            statement.setObject(i + 1, value);
        }
        return statement;
    }

    /**
     * An H2 file database writes its commits to the file only every WRITE_DELAY (500 ms by
     * default): a kill -9 within that time lost what had been committed (the routing an admin had
     * just set, an operation id just paid for, the answer of work just finished; the crash tests
     * found it). WRITE_DELAY=0 has each commit written to the file before it returns, unless the
     * URL sets WRITE_DELAY itself. PostgreSQL commits durably as it is.
     */
    static String durable(String url) {
        boolean h2File = url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:");
        return h2File && !url.toUpperCase(Locale.ROOT).contains(";WRITE_DELAY=") ? url + ";WRITE_DELAY=0" : url;
    }

    private static String typeOf(String url) {
        // The URL is logged (by us without its parameters, by Flyway as the driver gives it back)
        if (url.toLowerCase(Locale.ROOT).matches(".*[?&;]password=.*")) {
            throw new IllegalStateException("IMAGE_DB_URL must not hold the password (it would be logged): set IMAGE_DB_PASSWORD");
        }
        if (url.startsWith("jdbc:h2:")) {
            return "h2";
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return "postgresql";
        }
        throw new IllegalStateException("IMAGE_DB_URL must be an H2 (jdbc:h2:...) or PostgreSQL (jdbc:postgresql://...) URL");
    }
}
