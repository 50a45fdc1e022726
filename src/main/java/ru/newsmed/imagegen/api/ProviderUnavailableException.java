package ru.newsmed.imagegen.api;

/** The provider could not be tried at all (not configured, no free slot in time): 503. */
public class ProviderUnavailableException extends ApiException {

    public ProviderUnavailableException(String message) {
        super(ErrorCode.PROVIDER_UNAVAILABLE, message);
    }
}
