package ru.newsmed.imagegen.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.errors.ApiException;
import ru.newsmed.imagegen.errors.ErrorCode;
import ru.newsmed.imagegen.errors.StorageFailedException;

/**
 * The local image folder ({@code IMAGE_STORAGE_DIR}) as readers see it: serves a stored image by
 * its exact name (a UUID with .jpeg or .png, nothing else, so no {@code ../}), and clears away what
 * a failed store left behind (the client hears storage_failed; the cause, with its paths, goes to the log only).
 */
@Component("imagegenStoredImages")
public class StoredImages {

    private static final Pattern IMAGE_NAME =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.(jpeg|png)");
    private static final Logger LOG = LoggerFactory.getLogger(StoredImages.class);

    private final Path folder;

    public StoredImages(@Value("${imagegen.storage.dir}") String folder, @Value("${imagegen.storage.type}") String type) {
        if (!"file".equals(type) && !"s3".equals(type)) {
            throw new IllegalStateException("IMAGE_STORAGE must be file or s3, not " + type);
        }
        this.folder = Path.of(folder).toAbsolutePath().normalize();
    }

    /** The bytes of a stored image, with its Content-Type set; 404 for any other name. */
    public byte[] read(@Header("name") String name, Exchange exchange) {
        if (name == null || !IMAGE_NAME.matcher(name).matches()) {
            throw notFound();
        }
        try {
            byte[] bytes = Files.readAllBytes(folder.resolve(name));
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE,
                    name.endsWith(".png") ? ImageKind.PNG.mediaType() : ImageKind.JPEG.mediaType());
            return bytes;
        } catch (NoSuchFileException e) {
            throw notFound();
        } catch (IOException e) {
            throw new ApiException(ErrorCode.NOT_FOUND, "The image cannot be read");
        }
    }

    /**
     * Ends a failed store: deletes every file of the image (the image, its record, their
     * temporary copies) and fails with storage_failed.
     */
    public void abandon(StoredImage place, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception cause) {
        String imageId = place.id();
        if (Files.isDirectory(folder)) {
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(folder, "*" + imageId + "*")) {
                for (Path leftover : leftovers) {
                    Files.deleteIfExists(leftover);
                }
            } catch (IOException e) {
                LOG.warn("Could not clear what the failed store of image {} left: {}", imageId, e.getMessage());
            }
        }
        LOG.warn("Image {} could not be stored in the folder: {}", imageId, cause == null ? "" : cause.getMessage());
        throw new StorageFailedException(StorageFailedException.message(place.provider(), "the folder"), cause);
    }

    private static ApiException notFound() {
        return new ApiException(ErrorCode.NOT_FOUND, "No such image");
    }
}
