package ru.newsmed.imagegen.api;

/** The image was drawn but could not be stored: 502 storage_failed. */
public class StorageFailedException extends ApiException {

    public StorageFailedException(String message, Throwable cause) {
        super(ErrorCode.STORAGE_FAILED, message, cause);
    }
}
