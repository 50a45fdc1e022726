package ru.newsmed.imagegen.provider;

import org.apache.camel.LoggingLevel;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code image.retry.*} settings, the same for both providers' retries, and the one redelivery
 * policy they make: a provider call that failed in a way worth another attempt (429, 5xx, I/O) is
 * redelivered up to the provider's {@code *_MAX_RETRIES} times with exponential backoff and jitter
 * (a Retry-After carried in {@code CamelRedeliveryDelay} replaces the backoff), one WARN line per
 * retry and no stack trace; the caller logs the outcome once.
 *
 * @param initialDelayMs the first backoff ({@code IMAGE_RETRY_INITIAL_DELAY_MS})
 * @param maxDelayMs     the longest backoff ({@code IMAGE_RETRY_MAX_DELAY_MS})
 */
@ConfigurationProperties(prefix = "imagegen.retry")
public record RetrySettings(long initialDelayMs, long maxDelayMs) {

    public RedeliveryPolicy policy(int maxRetries) {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(maxRetries);
        policy.setRedeliveryDelay(initialDelayMs);
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(2);
        policy.setUseCollisionAvoidance(true);
        policy.setMaximumRedeliveryDelay(maxDelayMs);
        policy.setRetryAttemptedLogLevel(LoggingLevel.WARN);
        policy.setLogRetryStackTrace(false);
        policy.setLogStackTrace(false);
        policy.setLogExhausted(false);
        return policy;
    }
}
