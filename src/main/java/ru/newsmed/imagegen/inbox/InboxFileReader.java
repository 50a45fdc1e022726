package ru.newsmed.imagegen.inbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

import ru.newsmed.imagegen.errors.InvalidRequestException;

/**
 * Reads a file of the watched folder only when it is the folder's own: a regular file (not a
 * symbolic link, not a second name of a file elsewhere) whose real path lies under the folder's
 * real path (so a folder reached through a link still works). Anything else is refused before a
 * byte is read: 400 invalid_request on field {@code file}. The file is opened without following
 * links, so a link put in its place after the check is refused too.
 */
class InboxFileReader {

    static final String REFUSED = "Only regular files of the watched folder are read: not a symbolic link,"
            + " a hard link or a file outside the folder";

    private final Path inbox;

    InboxFileReader(Path inbox) {
        this.inbox = inbox;
    }

    byte[] read(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile() || linkCount(file) > 1
                    || !file.toRealPath().startsWith(inbox.toRealPath())) {
                throw refused();
            }
            return readWithoutFollowingLinks(file, attributes.size());
        } catch (IOException e) {
            throw new IllegalStateException("Inbox file " + file.getFileName() + " could not be read", e);
        }
    }

    private static byte[] readWithoutFollowingLinks(Path file, long size) throws IOException {
        InputStream in;
        try {
            in = Channels.newInputStream(Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        } catch (FileSystemException becameALink) {
            // ELOOP: a link was put in the file's place after the check.
            throw refused();
        }
        try (in) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(size, 1 << 20));
            in.transferTo(bytes);
            return bytes.toByteArray();
        }
    }

    /** How many names the file has (1 where the file system does not say). */
    private static int linkCount(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            return 1;
        }
        return (Integer) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
    }

    private static InvalidRequestException refused() {
        return new InvalidRequestException("file", REFUSED);
    }
}
