package ru.newsmed.imagegen.storage;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.errors.StorageFailedException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 side of a failed store: deletes whatever of the image and its record reached the bucket
 * (best effort: S3 may be the thing that is down) and fails with storage_failed.
 */
@Component("imagegenS3Images")
public class S3Images {

    private static final Logger LOG = LoggerFactory.getLogger(S3Images.class);

    private final ObjectProvider<S3Client> client;
    private final String bucket;
    private final String prefix;

    public S3Images(@Value("${imagegen.storage.s3.bucket:}") String bucket, @Value("${imagegen.storage.s3.prefix:}") String prefix,
                    ObjectProvider<S3Client> client) {
        this.client = client;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    public void abandon(StoredImage place, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception cause) {
        S3Client s3 = client.getIfAvailable();
        if (s3 != null) {
            for (String key : new String[]{prefix + place.id() + ".json", prefix + place.name()}) {
                try {
                    s3.deleteObject(delete -> delete.bucket(bucket).key(key));
                } catch (RuntimeException e) {
                    LOG.warn("Could not remove s3://{}/{} after a failed store: {}", bucket, key, e.getMessage());
                }
            }
        }
        LOG.warn("Image {} could not be stored in S3: {}", place.id(), cause == null ? "" : cause.getMessage());
        throw new StorageFailedException(StorageFailedException.message(place.provider(), "S3"), cause);
    }
}
