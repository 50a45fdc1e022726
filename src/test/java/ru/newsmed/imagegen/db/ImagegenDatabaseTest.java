package ru.newsmed.imagegen.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.newsmed.imagegen.support.TestDatabases;

/** Our own database: what is committed to an H2 file is in the file when the commit returns (a kill -9 keeps it). */
class ImagegenDatabaseTest {

    private static final String WRITE_DELAY = "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'";

    @TempDir
    Path folder;

    @Test
    void writesEachCommitToTheH2FileAtOnce() throws SQLException {
        ImagegenDatabase database = new ImagegenDatabase(TestDatabases.h2(folder), "", "", 2);
        try {
            assertThat(database.query(WRITE_DELAY, row -> row.getString(1))).isNotEmpty().containsOnly("0");
        } finally {
            database.destroy();
        }
    }

    @Test
    void refusesAUrlHoldingThePasswordBeforeConnecting() {
        assertThatThrownBy(() -> new ImagegenDatabase("jdbc:postgresql://127.0.0.1:1/db?user=u&password=SECRET-1", "", "", 2))
                .hasMessageContaining("IMAGE_DB_PASSWORD").hasMessageNotContaining("SECRET-1");
        assertThatThrownBy(() -> new ImagegenDatabase("jdbc:h2:file:./x;USER=u;PASSWORD=SECRET-2", "", "", 2))
                .hasMessageContaining("IMAGE_DB_PASSWORD").hasMessageNotContaining("SECRET-2");
    }

    @Test
    void leavesAWriteDelayTheUrlSetsAndOtherDatabasesAsTheyAre() {
        assertThat(ImagegenDatabase.durable("jdbc:h2:file:./data/imagegen;write_delay=100"))
                .isEqualTo("jdbc:h2:file:./data/imagegen;write_delay=100");
        assertThat(ImagegenDatabase.durable("jdbc:h2:mem:test")).isEqualTo("jdbc:h2:mem:test");
        assertThat(ImagegenDatabase.durable("jdbc:postgresql://db:5432/imagegen")).isEqualTo("jdbc:postgresql://db:5432/imagegen");
    }
}
