package ru.newsmed.imagegen.work;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.newsmed.imagegen.db.ImagegenDatabase;
import ru.newsmed.imagegen.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The work table on a real H2 file: keys unique per entry, and expired keys forgotten and purged. */
class WorkStoreTest {

    @TempDir
    Path folder;

    private ImagegenDatabase database;

    @BeforeEach
    void open() {
        database = new ImagegenDatabase(TestDatabases.h2(folder), "", "", 2);
    }

    @AfterEach
    void close() {
        database.destroy();
    }

    @Test
    void refusesASecondRowWithTheSameKeyOnTheSameEntryOnly() throws SQLException {
        WorkStore store = new WorkStore(database, "24h");

        assertThat(store.insert(work("generate", "k-1"))).isTrue();
        assertThat(store.insert(work("generate", "k-1"))).isFalse();
        assertThat(store.insert(work("jobs", "k-1"))).isTrue();
        assertThat(store.insert(work("generate", null))).isTrue();
        assertThat(store.insert(work("generate", null))).isTrue();
    }

    @Test
    void forgetsAnExpiredKeyAndPurgesFinishedWorkPastItsTime() throws SQLException {
        WorkStore store = new WorkStore(database, "0s");
        Work finished = work("generate", "k-2");
        assertThat(store.insert(finished)).isTrue();
        store.finish(finished.id(), Work.SUCCEEDED, 200, "{}");
        Work running = work("generate", "k-3");
        assertThat(store.insert(running)).isTrue();

        // once expired, the key is free again, and the finished row goes with the purge
        await().until(() -> store.insert(work("generate", "k-2")));
        assertThat(store.purgeExpired()).isGreaterThanOrEqualTo(1);
        assertThat(store.byId(finished.id())).isEmpty();
        assertThat(store.byId(running.id())).isPresent();
        assertThat(store.insert(work("generate", "k-3"))).as("a running work keeps its key").isFalse();
    }

    private static Work work(String entry, String key) {
        return new Work(UUID.randomUUID().toString(), Work.REQUEST, entry, key, "{\"prompt\":\"x\"}", "r-1", Work.RUNNING,
                null, null, null, null, null, null, 0, null, null);
    }
}
