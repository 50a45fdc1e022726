package ru.newsmed.imagegen.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One throwaway PostgreSQL cluster per test JVM, made with the machine's own server programs
 * ({@link PostgresPrograms}) in a folder under /tmp, on a free port of 127.0.0.1: started on first
 * use, stopped and its folder deleted when the JVM exits. A connection over TCP needs its role's
 * password (scram-sha-256), so a test that connects proves the password it passes.
 */
public final class PostgresServer {

    private static final String SUPERUSER = "postgres";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static PostgresServer running;

    private final AtomicInteger databases = new AtomicInteger();
    private final String superuserPassword = secret();
    private final PostgresPrograms programs;
    private final Path folder;
    private int port;

    private PostgresServer(PostgresPrograms programs, Path folder) {
        this.programs = programs;
        this.folder = folder;
    }

    /** A new, empty database owned by a new login role with a random password. */
    public static PostgresDatabase newDatabase() {
        return server().createDatabase();
    }

    private static synchronized PostgresServer server() {
        if (running == null) {
            PostgresPrograms programs = PostgresPrograms.find();
            try {
                PostgresServer server = new PostgresServer(programs, Files.createTempDirectory(Path.of("/tmp"), "imagegen-pg"));
                Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "imagegen-postgres-stop"));
                server.start();
                running = server;
            } catch (IOException e) {
                throw new IllegalStateException("Could not start the test PostgreSQL cluster: " + e.getMessage(), e);
            }
        }
        return running;
    }

    private void start() throws IOException {
        Path passwordFile = folder.resolve("superuser-password");
        Files.writeString(passwordFile, superuserPassword);
        if (programs.asRoot()) {
            UserPrincipal owner = FileSystems.getDefault().getUserPrincipalLookupService()
                    .lookupPrincipalByName(PostgresPrograms.OWNER);
            Files.setOwner(folder, owner);
            Files.setOwner(passwordFile, owner);
        }
        programs.run(folder, "initdb", "-D", data(), "-U", SUPERUSER, "-E", "UTF8", "--locale=C", "--no-sync",
                "--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile=" + passwordFile);
        Files.delete(passwordFile);
        String settings = " -k " + folder + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
                + " -c shared_buffers=16MB -c max_connections=300 -c log_min_error_statement=panic";
        for (int attempt = 1; ; attempt++) {
            port = freePort();
            try {
                programs.run(folder, "pg_ctl", "start", "-w", "-t", "60", "-D", data(), "-l", log().toString(),
                        "-o", "-c listen_addresses=127.0.0.1 -p " + port + settings);
                return;
            } catch (IOException portTakenMeanwhile) {
                if (attempt == 3) {
                    String log = Files.exists(log()) ? Files.readString(log()) : "(none)";
                    throw new IOException(portTakenMeanwhile.getMessage() + "\nserver log:\n" + log, portTakenMeanwhile);
                }
            }
        }
    }

    private PostgresDatabase createDatabase() {
        String name = "imagegen_" + databases.incrementAndGet();
        String password = secret();
        try (Connection admin = DriverManager.getConnection(url(SUPERUSER), SUPERUSER, superuserPassword);
                Statement sql = admin.createStatement()) {
            sql.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "'");
            sql.execute("CREATE DATABASE " + name + " OWNER " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database " + name, e);
        }
        return new PostgresDatabase(url(name), name, password);
    }

    private void stop() {
        try {
            if (Files.isDirectory(folder.resolve("data"))) {
                programs.run(folder, "pg_ctl", "stop", "-m", "immediate", "-w", "-D", data());
            }
        } catch (IOException notRunning) {
            // nothing to stop: the folder goes all the same
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a leftover folder under /tmp is all that remains
        }
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private String data() {
        return folder.resolve("data").toString();
    }

    private Path log() {
        return folder.resolve("server.log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static String secret() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
