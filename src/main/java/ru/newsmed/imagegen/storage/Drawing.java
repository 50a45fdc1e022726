package ru.newsmed.imagegen.storage;

/**
 * An image on its way to storage: drawn by a provider (with the model that drew it and the prompt
 * it was sent) or uploaded (with the file name it came with).
 *
 * @param bytes      the image, a JPEG or PNG
 * @param kind       its format, told by its bytes
 * @param provider   gigachat, yandex, or upload
 * @param modelUsed  the model that drew it; null for an upload
 * @param promptSent the prompt as the provider received it; null for an upload
 * @param uploadName the client's file name of an upload; null for a drawing
 */
public record Drawing(byte[] bytes, ImageKind kind, String provider, String modelUsed, String promptSent,
                      String uploadName) {

    public static final String UPLOAD = "upload";

    /** A provider's drawing. */
    public static Drawing drawn(byte[] bytes, ImageKind kind, String provider, String modelUsed, String promptSent) {
        return new Drawing(bytes, kind, provider, modelUsed, promptSent, null);
    }

    /** A client's own image. */
    public static Drawing uploaded(byte[] bytes, ImageKind kind, String uploadName) {
        return new Drawing(bytes, kind, UPLOAD, null, null, uploadName);
    }
}
