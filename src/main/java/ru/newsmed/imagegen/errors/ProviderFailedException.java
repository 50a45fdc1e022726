package ru.newsmed.imagegen.errors;

/** The provider failed and retrying cannot help (or the retries are spent): 502. */
public class ProviderFailedException extends ApiException {

    public ProviderFailedException(String message) {
        super(ErrorCode.PROVIDER_FAILED, message);
    }

    public ProviderFailedException(String message, Throwable cause) {
        super(ErrorCode.PROVIDER_FAILED, message, cause);
    }
}
