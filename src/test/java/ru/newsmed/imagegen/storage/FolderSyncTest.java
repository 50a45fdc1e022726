package ru.newsmed.imagegen.storage;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder flush against a real folder: done where there is one, a failure (not passed over) where there is none. */
class FolderSyncTest {

    @TempDir
    Path folder;

    @Test
    void flushesAFolderThatIsThere() {
        assertThatCode(() -> new FolderSync(folder.toString()).flush()).doesNotThrowAnyException();
    }

    @Test
    void failsWhenTheFolderIsGone() {
        FolderSync sync = new FolderSync(folder.resolve("gone").toString());

        assertThatThrownBy(sync::flush).isInstanceOf(IOException.class);
    }
}
