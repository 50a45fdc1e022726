package ru.newsmed.imagegen.errors;

/** The image (drawn or uploaded) could not be stored: 502 storage_failed. */
public class StorageFailedException extends ApiException {

    public StorageFailedException(String message, Throwable cause) {
        super(ErrorCode.STORAGE_FAILED, message, cause);
    }

    /**
     * What the client is told: whether its image was drawn or uploaded, and where it failed to go
     * ("the folder", "S3"); never a path, a key or the cause's own words (those go to the log).
     */
    public static String message(String provider, String storage) {
        return ("upload".equals(provider) ? "The uploaded image" : "The image was drawn but")
                + " could not be stored in " + storage;
    }
}
