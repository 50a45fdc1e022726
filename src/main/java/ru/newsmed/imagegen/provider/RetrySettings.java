package ru.newsmed.imagegen.provider;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code imagegen.retry.*} settings, the same for both providers: the backoff between retries
 * of a provider call. The service's routes hand them to the Kamelets ({@code retryInitialDelay},
 * {@code retryMaxDelay}), whose {@link ProviderRetries} applies them; bound here so that they are
 * checked at start-up and described with the other settings.
 *
 * @param initialDelayMs the first backoff ({@code IMAGE_RETRY_INITIAL_DELAY_MS})
 * @param maxDelayMs     the longest backoff ({@code IMAGE_RETRY_MAX_DELAY_MS})
 */
@ConfigurationProperties(prefix = "imagegen.retry")
public record RetrySettings(long initialDelayMs, long maxDelayMs) {
}
