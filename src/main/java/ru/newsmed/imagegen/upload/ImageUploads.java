package ru.newsmed.imagegen.upload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import org.apache.camel.Exchange;
import org.apache.camel.attachment.AttachmentMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.errors.ApiException;
import ru.newsmed.imagegen.errors.ErrorCode;
import ru.newsmed.imagegen.errors.InvalidRequestException;
import ru.newsmed.imagegen.storage.Drawing;
import ru.newsmed.imagegen.storage.ImageKind;

/**
 * {@code POST /upload}: takes the multipart part {@code file}, at most {@code IMAGE_UPLOAD_MAX_BYTES},
 * and accepts it only when its bytes are a whole, decodable JPEG or PNG within
 * {@code IMAGE_UPLOAD_MAX_PIXELS} ({@link UploadedImageCheck}; its name and declared type do not count).
 * The temporary copy the servlet layer made is deleted whatever happens.
 */
@Component("imagegenImageUploads")
public class ImageUploads {

    public static final String PART = "file";
    private static final Logger LOG = LoggerFactory.getLogger(ImageUploads.class);

    private final long maxBytes;
    private final UploadedImageCheck imageCheck;

    public ImageUploads(@Value("${imagegen.upload.max-bytes}") long maxBytes, UploadedImageCheck imageCheck) {
        this.maxBytes = maxBytes;
        this.imageCheck = imageCheck;
    }

    /** The uploaded image, with the file name it came with, ready for storage. */
    public Drawing image(Exchange exchange) {
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be multipart/form-data with the image in the part \"file\"");
        }
        Path copy = uploadedCopy(exchange);
        try {
            if (Files.size(copy) > maxBytes) {
                throw new ApiException(ErrorCode.TOO_LARGE, "The upload is larger than " + maxBytes + " bytes");
            }
            byte[] bytes = Files.readAllBytes(copy);
            ImageKind kind = imageCheck.kind(bytes);
            exchange.getMessage(AttachmentMessage.class).removeAttachment(PART);
            return Drawing.uploaded(bytes, kind, exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class));
        } catch (IOException e) {
            throw new InvalidRequestException(PART, "The upload could not be read");
        } finally {
            delete(copy);
        }
    }

    /**
     * The servlet layer's temporary copy of the part "file" (Camel names each attachment after its
     * part); the copies of any other parts are deleted at once.
     */
    private Path uploadedCopy(Exchange exchange) {
        AttachmentMessage message = exchange.getMessage(AttachmentMessage.class);
        Path copy = null;
        if (message.hasAttachments()) {
            for (String name : message.getAttachmentNames()) {
                Path file = fileOf(message.getAttachment(name));
                if (PART.equals(name)) {
                    copy = file;
                } else if (file != null) {
                    delete(file);
                }
            }
        }
        if (copy == null) {
            throw new InvalidRequestException(PART, "A multipart part \"file\" holding one JPEG or PNG image is required");
        }
        return copy;
    }

    private static Path fileOf(DataHandler handler) {
        return handler != null && handler.getDataSource() instanceof FileDataSource source ? source.getFile().toPath() : null;
    }

    private static void delete(Path copy) {
        try {
            Files.deleteIfExists(copy);
        } catch (IOException e) {
            LOG.warn("Could not delete the temporary upload {}: {}", copy, e.getMessage());
        }
    }
}
