package ru.newsmed.imagegen.provider;

import ru.newsmed.imagegen.errors.RetryableProviderException;

/**
 * The provider refused credentials that were good a moment ago (GigaChat's access token past its
 * life): {@link ProviderRetries} runs the block again with fresh ones, once per call, and that
 * attempt is not one of the retries; refused again, the call fails with this exception.
 */
public class RetryWithFreshCredentials extends RetryableProviderException {

    public RetryWithFreshCredentials(String message) {
        super(message);
    }
}
