package ru.newsmed.imagegen.storage;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Writes a file of the local image folder ({@code IMAGE_STORAGE_DIR}) so that a reader never sees
 * half of it and a power cut does not take its bytes: written under a temporary name of our own
 * ({@code .tmp-<name>}), flushed to the disk ({@link FileChannel#force}), then renamed in one step.
 * The folder's own entry for the new name is flushed by {@link FolderSync}. (camel-file 4.17 flushes
 * nothing before its rename: its {@code forceWrites} option is read by no code.)
 */
@Component("imagegenDurableFiles")
public class DurableFiles {

    private final Path folder;

    public DurableFiles(@Value("${imagegen.storage.dir}") String folder) {
        this.folder = Path.of(folder).toAbsolutePath().normalize();
    }

    /** Stores {@code bytes} as {@code name} in the folder (made if missing), replacing nothing half-way. */
    public void write(String name, byte[] bytes) throws IOException {
        Files.createDirectories(folder);
        Path temporary = folder.resolve(".tmp-" + name);
        try (FileChannel file = FileChannel.open(temporary, CREATE, TRUNCATE_EXISTING, WRITE)) {
            ByteBuffer content = ByteBuffer.wrap(bytes);
            while (content.hasRemaining()) {
                file.write(content);
            }
            file.force(true);
        }
        Files.move(temporary, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}
