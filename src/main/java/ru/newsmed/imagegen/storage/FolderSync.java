package ru.newsmed.imagegen.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Flushes the local image folder itself to the disk (an fsync of the directory), so that the names
 * {@link DurableFiles} has just renamed into place survive a power cut: the files' bytes are on the
 * disk already, but without this the folder may come back listing neither. A failure fails the store.
 * Windows cannot open a folder as a channel: there this says so once, at DEBUG, and does nothing.
 */
@Component("imagegenStorageFolderSync")
public class FolderSync {

    private static final Logger LOG = LoggerFactory.getLogger(FolderSync.class);
    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

    private final Path folder;
    private final AtomicBoolean toldUnsupported = new AtomicBoolean();

    public FolderSync(@Value("${imagegen.storage.dir}") String folder) {
        this.folder = Path.of(folder).toAbsolutePath().normalize();
    }

    public void flush() throws IOException {
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            if (!WINDOWS) {
                throw e;
            }
            if (toldUnsupported.compareAndSet(false, true)) {
                LOG.debug("The image folder cannot be flushed on this platform, so a rename into it is as durable as the file system makes it: {}",
                        e.toString());
            }
        }
    }
}
