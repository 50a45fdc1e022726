package ru.newsmed.imagegen.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.newsmed.imagegen.errors.InvalidRequestException;

/** The watched folder's files are read by real path: a folder named through a link still works. */
class InboxFileReaderTest {

    @TempDir
    Path temp;

    @Test
    void readsAFileOfAWatchedFolderThatIsItselfASymbolicLink() throws Exception {
        Path real = Files.createDirectories(temp.resolve("real-inbox"));
        Path linked = Files.createSymbolicLink(temp.resolve("inbox"), real);
        Files.writeString(real.resolve("a.txt"), "Кардиология", StandardCharsets.UTF_8);

        byte[] bytes = new InboxFileReader(linked).read(linked.resolve("a.txt"));

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("Кардиология");
    }

    @Test
    void refusesALinkToAnotherFileOfTheSameFolder() throws Exception {
        Path inbox = Files.createDirectories(temp.resolve("inbox"));
        Files.writeString(inbox.resolve("b.json"), "{}", StandardCharsets.UTF_8);
        Path link = Files.createSymbolicLink(inbox.resolve("c.txt"), inbox.resolve("b.json"));

        assertThatThrownBy(() -> new InboxFileReader(inbox).read(link))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getField()).isEqualTo("file"));
    }
}
