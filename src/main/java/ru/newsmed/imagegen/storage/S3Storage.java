package ru.newsmed.imagegen.storage;

import java.net.URI;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The S3 client of {@code IMAGE_STORAGE=s3} ({@code #imageS3Client} for camel-aws2-s3): region
 * {@code AWS_REGION}, credentials from the AWS default chain, and for an S3-compatible store at
 * {@code IMAGE_S3_ENDPOINT} (Yandex Object Storage, MinIO) path-style access and request checksums
 * only when required, which many such stores need. A call makes up to {@link #ATTEMPTS} attempts
 * (the SDK's standard retries, pinned here so that neither {@code AWS_RETRY_MODE} nor a profile file
 * changes them), each bounded by {@code IMAGE_S3_REQUEST_TIMEOUT}; the whole call is bounded by all
 * attempts plus the longest the backoff can wait, so the bound never cuts a retry short. Building it
 * talks to nobody, so S3 being down does not stop the service from starting.
 */
@Configuration
@ConditionalOnProperty(name = "imagegen.storage.type", havingValue = "s3")
public class S3Storage {

    static final int ATTEMPTS = 4;
    private static final Duration BASE_DELAY = Duration.ofMillis(100);
    /** S3's 503 SlowDown and 429 wait longer, with half the wait jittered. */
    private static final Duration THROTTLED_BASE_DELAY = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    @Bean("imagegenImageS3Client")
    public S3Client imageS3Client(@Value("${imagegen.storage.s3.region}") String region,
                                  @Value("${imagegen.storage.s3.endpoint:}") String endpoint,
                                  @Value("${imagegen.storage.s3.bucket:}") String bucket,
                                  @Value("${imagegen.storage.s3.request-timeout:30}") int requestTimeoutSeconds) {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException("IMAGE_STORAGE=s3 needs IMAGE_S3_BUCKET");
        }
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(config -> config
                        .retryStrategy(retries())
                        .apiCallAttemptTimeout(Duration.ofSeconds(requestTimeoutSeconds))
                        .apiCallTimeout(callTimeout(Duration.ofSeconds(requestTimeoutSeconds))));
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint.strip()))
                    .forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }

    static RetryStrategy retries() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(ATTEMPTS)
                .backoffStrategy(BackoffStrategy.exponentialDelay(BASE_DELAY, MAX_BACKOFF))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelayHalfJitter(THROTTLED_BASE_DELAY, MAX_BACKOFF))
                .build();
    }

    /** Every attempt at its full timeout, plus the longest wait before each retry (the throttled one's ceiling). */
    static Duration callTimeout(Duration attemptTimeout) {
        Duration call = attemptTimeout.multipliedBy(ATTEMPTS);
        for (int retry = 1; retry < ATTEMPTS; retry++) {
            Duration ceiling = THROTTLED_BASE_DELAY.multipliedBy(1L << (retry - 1));
            call = call.plus(ceiling.compareTo(MAX_BACKOFF) < 0 ? ceiling : MAX_BACKOFF);
        }
        return call;
    }
}
