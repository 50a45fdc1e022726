package ru.newsmed.imagegen.storage;

/** The image formats the service stores, named and typed by their bytes. */
public enum ImageKind {
    JPEG("jpeg", "image/jpeg"),
    PNG("png", "image/png");

    private final String extension;
    private final String mediaType;

    ImageKind(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }
}
