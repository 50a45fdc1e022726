package ru.newsmed.imagegen.support;

import java.nio.file.Path;

/** A database of its own for each service a test starts: an H2 file in the test's folder. */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** IMAGE_DB_URL of an H2 database in {@code folder}. */
    public static String h2(Path folder) {
        return "jdbc:h2:file:" + folder.toAbsolutePath().resolve("db").resolve("imagegen") + ";DB_CLOSE_ON_EXIT=FALSE";
    }
}
