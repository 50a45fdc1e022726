package ru.newsmed.imagegen.errors;

/** A provider failure worth another attempt (429, 5xx, I/O); the routes' redelivery retries it. */
public class RetryableProviderException extends ProviderFailedException {

    public RetryableProviderException(String message) {
        super(message);
    }

    public RetryableProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
