package ru.newsmed.imagegen.storage;

import java.util.Optional;

import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.errors.ProviderFailedException;

/** Tells a JPEG ({@code FF D8 FF}) or PNG by its magic bytes, whatever its name or Content-Type says. */
@Component("imagegenImageBytes")
public class ImageBytes {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    public static Optional<ImageKind> kind(byte[] bytes) {
        if (startsWith(bytes, JPEG)) {
            return Optional.of(ImageKind.JPEG);
        }
        if (startsWith(bytes, PNG)) {
            return Optional.of(ImageKind.PNG);
        }
        return Optional.empty();
    }

    /** The kind of a provider's image; a provider failure when the bytes are no image. */
    public ImageKind require(byte[] bytes, String source) {
        return kind(bytes).orElseThrow(() -> new ProviderFailedException(source + " sent "
                + (bytes == null ? 0 : bytes.length) + " bytes that are not a JPEG or PNG image"));
    }

    /** The media type of a provider's image (image/jpeg or image/png); a provider failure when the bytes are no image. */
    public String mediaType(byte[] bytes, String source) {
        return require(bytes, source).mediaType();
    }

    private static boolean startsWith(byte[] bytes, byte[] magic) {
        if (bytes == null || bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (bytes[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
