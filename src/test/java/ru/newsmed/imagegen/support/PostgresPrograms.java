package ru.newsmed.imagegen.support;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The machine's PostgreSQL server programs (initdb, pg_ctl): the newest /usr/lib/postgresql/N/bin
 * of Debian's packages, else the folder {@code pg_config --bindir} names. PostgreSQL refuses to run
 * as root, so under root (the CI case) they run as the postgres user, through runuser.
 */
record PostgresPrograms(Path bin, List<String> runAs) {

    static final String OWNER = "postgres";
    private static final Path DEBIAN = Path.of("/usr/lib/postgresql");

    static PostgresPrograms find() {
        Path bin = newestDebian().or(PostgresPrograms::fromPgConfig).orElseThrow(() -> new IllegalStateException(
                "No PostgreSQL server programs (initdb, pg_ctl) in " + DEBIAN + "/*/bin nor at pg_config --bindir:"
                        + " the PostgreSQL tests need them; .ci/run installs Debian's postgresql"
                        + " (apt-get install postgresql)"));
        return new PostgresPrograms(bin, currentUserIsRoot() ? List.of("runuser", "-u", OWNER, "--") : List.of());
    }

    boolean asRoot() {
        return !runAs.isEmpty();
    }

    /** Runs a program in the given folder, failing with its output when it fails. */
    void run(Path folder, String program, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(runAs);
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("imagegen-pg", ".out");
        try {
            Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(program + " did not finish in 120 s: " + Files.readString(output));
            }
            if (process.exitValue() != 0) {
                throw new IOException(program + " failed (exit " + process.exitValue() + "): " + Files.readString(output));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(program + " interrupted", e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean currentUserIsRoot() {
        return new UnixSystem().getUid() == 0;
    }

    private static Optional<Path> newestDebian() {
        if (!Files.isDirectory(DEBIAN)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN)) {
            return versions.filter(version -> version.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .filter(version -> hasServerPrograms(version.resolve("bin")))
                    .max(Comparator.comparingDouble(version -> Double.parseDouble(version.getFileName().toString())))
                    .map(version -> version.resolve("bin"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> fromPgConfig() {
        try {
            Process process = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes()).trim();
            return process.waitFor() == 0 ? Optional.of(Path.of(output)).filter(PostgresPrograms::hasServerPrograms)
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static boolean hasServerPrograms(Path bin) {
        return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"));
    }
}
