package ru.newsmed.imagegen.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Whether the image storage can take an image now: the local folder exists (or can be made) and
 * is writable; the S3 bucket answers a HEAD, asked at most every 10 s (3 s at most each time), so
 * that probes of /health do not turn into a stream of S3 calls.
 */
@Component("imagegenStorageHealth")
public class StorageHealth {

    private static final Duration S3_CHECK_EVERY = Duration.ofSeconds(10);

    private final String storageType;
    private final Path storageDir;
    private final String bucket;
    private final ObjectProvider<S3Client> s3;
    private final Clock clock = Clock.systemUTC();
    private volatile Instant s3CheckedAt = Instant.MIN;
    private volatile boolean s3Up;

    public StorageHealth(@Value("${imagegen.storage.type}") String storageType,
                         @Value("${imagegen.storage.dir}") String storageDir,
                         @Value("${imagegen.storage.s3.bucket:}") String bucket, ObjectProvider<S3Client> s3) {
        this.storageType = storageType;
        this.storageDir = Path.of(storageDir).toAbsolutePath().normalize();
        this.bucket = bucket;
        this.s3 = s3;
    }

    /** file or s3 (IMAGE_STORAGE). */
    public String type() {
        return storageType;
    }

    public boolean up() {
        return "s3".equals(storageType) ? s3Up() : folderUp();
    }

    private boolean folderUp() {
        try {
            Files.createDirectories(storageDir);
            return Files.isWritable(storageDir);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private boolean s3Up() {
        Instant now = clock.instant();
        if (now.isAfter(s3CheckedAt.plus(S3_CHECK_EVERY))) {
            S3Client client = s3.getIfAvailable();
            boolean up;
            try {
                up = client != null && client.headBucket(head -> head.bucket(bucket)
                        .overrideConfiguration(config -> config.apiCallTimeout(Duration.ofSeconds(3)))) != null;
            } catch (RuntimeException e) {
                up = false;
            }
            s3Up = up;
            s3CheckedAt = now;
        }
        return s3Up;
    }
}
