package ru.newsmed.imagegen.storage;

import java.net.URI;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The S3 client of {@code IMAGE_STORAGE=s3} ({@code #imageS3Client} for camel-aws2-s3): region
 * {@code AWS_REGION}, credentials from the AWS default chain, and for an S3-compatible store at
 * {@code IMAGE_S3_ENDPOINT} (Yandex Object Storage, MinIO) path-style access and request checksums
 * only when required, which many such stores need. Each attempt of a call is bounded by
 * {@code IMAGE_S3_REQUEST_TIMEOUT}, the whole call by three times that. Building it talks to nobody,
 * so S3 being down does not stop the service from starting.
 */
@Configuration
@ConditionalOnProperty(name = "image.storage.type", havingValue = "s3")
public class S3Storage {

    @Bean("imageS3Client")
    public S3Client imageS3Client(@Value("${image.storage.s3.region}") String region,
                                  @Value("${image.storage.s3.endpoint:}") String endpoint,
                                  @Value("${image.storage.s3.bucket:}") String bucket,
                                  @Value("${image.storage.s3.request-timeout:30}") int requestTimeoutSeconds) {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException("IMAGE_STORAGE=s3 needs IMAGE_S3_BUCKET");
        }
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(config -> config
                        .apiCallAttemptTimeout(Duration.ofSeconds(requestTimeoutSeconds))
                        .apiCallTimeout(Duration.ofSeconds(3L * requestTimeoutSeconds)));
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint.strip()))
                    .forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }
}
