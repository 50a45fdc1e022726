package ru.newsmed.imagegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import ru.newsmed.imagegen.gigachat.GigaChatTokenCache;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.ServiceTest;
import ru.newsmed.imagegen.support.TestCertificates;

/**
 * IMAGE_STORAGE=s3 against s3proxy, a real S3 protocol server (in memory), which accepts objects up
 * to 1 MB here so that a store can fail half-way. The service starts while S3 is down; the first
 * test runs before s3proxy ever starts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3StorageTest extends ServiceTest {

    private static final String BUCKET = "news-images";
    private static final String ACCESS_KEY = "test-access-key";
    private static final String SECRET_KEY = "test-secret-key-SECRET";
    private static final int S3_PORT = freePort();
    private static final BlobStoreContext BLOBS = ContextBuilder.newBuilder("transient")
            .credentials("identity", "credential").build(BlobStoreContext.class);
    private static S3Proxy s3;

    @Autowired
    GigaChatTokenCache tokenCache;

    static {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        BLOBS.getBlobStore().createContainerInLocation(null, BUCKET);
    }

    @DynamicPropertySource
    static void s3Storage(DynamicPropertyRegistry registry) {
        registerCommon(registry);
        registry.add("GIGACHAT_AUTH_KEY", () -> GigaChatStub.AUTH_KEY);
        registry.add("GIGACHAT_CA_BUNDLE", () -> TestCertificates.caBundle().toString());
        registry.add("IMAGE_STORAGE", () -> "s3");
        registry.add("IMAGE_S3_BUCKET", () -> BUCKET);
        registry.add("IMAGE_S3_PREFIX", () -> "illustrations/");
        registry.add("AWS_REGION", () -> "ru-central1");
        registry.add("IMAGE_S3_ENDPOINT", () -> "http://127.0.0.1:" + S3_PORT);
        registry.add("IMAGE_SERVICE_PUBLIC_BASE_URL", () -> "https://cdn.example.ru/illustrations");
    }

    @BeforeEach
    void resetGigaChat() {
        GigaChatStub.server().resetAll();
        tokenCache.clear();
    }

    @AfterAll
    static void stopS3() throws Exception {
        if (s3 != null) {
            s3.stop();
        }
    }

    @Test
    @Order(1)
    void startsWhileS3IsDownAndAnswersStorageFailed() {
        drawsSmallJpeg();

        HttpResponse<String> response = generate("{\"prompt\": \"x\"}");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("error").asText()).isEqualTo("storage_failed");
        assertThat(response.body()).doesNotContain(SECRET_KEY);
    }

    @Test
    @Order(2)
    void storesTheImageAndItsProvenanceAsTypedObjects() throws Exception {
        startS3();
        byte[] image = drawsSmallJpeg();

        HttpResponse<String> response = generate("{\"prompt\": \"Хирург\", \"seed\": 5}", "X-Request-ID", "s3-req-1");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String imageId = json(response).path("image_id").asText();
        assertThat(json(response).path("image_url").asText()).isEqualTo("https://cdn.example.ru/illustrations/" + imageId + ".jpeg");
        Blob stored = blobs().getBlob(BUCKET, "illustrations/" + imageId + ".jpeg");
        assertThat(stored.getMetadata().getContentMetadata().getContentType()).isEqualTo("image/jpeg");
        assertThat(bytes(stored)).isEqualTo(image);
        Blob record = blobs().getBlob(BUCKET, "illustrations/" + imageId + ".json");
        assertThat(record.getMetadata().getContentMetadata().getContentType()).isEqualTo("application/json");
        JsonNode provenance = JSON.readTree(bytes(record));
        assertThat(provenance.path("provider").asText()).isEqualTo("gigachat");
        assertThat(provenance.path("seed").asText()).isEqualTo("5");
        assertThat(provenance.path("request_id").asText()).isEqualTo("s3-req-1");
    }

    @Test
    @Order(3)
    void failsAsStorageFailedLeavingNothingWhenTheImageCannotBeStored() {
        startS3();
        long before = blobs().countBlobs(BUCKET);
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubDrawing(fileId, GigaChatStub.realImage());

        HttpResponse<String> response = generate("{\"prompt\": \"x\"}");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("error").asText()).isEqualTo("storage_failed");
        assertThat(blobs().countBlobs(BUCKET)).as("the record written first was removed").isEqualTo(before);
    }

    @Test
    @Order(4)
    void answersStorageFailedWhenS3GoesDownAndRecoversWhenItIsBack() throws Exception {
        startS3();
        s3.stop();
        drawsSmallJpeg();

        HttpResponse<String> down = generate("{\"prompt\": \"x\"}");

        assertThat(down.statusCode()).isEqualTo(502);
        assertThat(json(down).path("error").asText()).isEqualTo("storage_failed");
        s3 = null;
        startS3();
        assertThat(generate("{\"prompt\": \"x\"}").statusCode()).isEqualTo(200);
    }

    private static byte[] drawsSmallJpeg() {
        byte[] image = GigaChatStub.smallJpeg();
        GigaChatStub.stubDrawing(UUID.randomUUID().toString(), image);
        return image;
    }

    private static BlobStore blobs() {
        return BLOBS.getBlobStore();
    }

    private static byte[] bytes(Blob blob) throws IOException {
        try (InputStream in = blob.getPayload().openStream()) {
            return in.readAllBytes();
        }
    }

    private static synchronized void startS3() {
        if (s3 != null) {
            return;
        }
        try {
            s3 = S3Proxy.builder()
                    .blobStore(BLOBS.getBlobStore())
                    .endpoint(URI.create("http://127.0.0.1:" + S3_PORT))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .maxSinglePartObjectSize(1_000_000)
                    .build();
            s3.start();
            while (!"STARTED".equals(s3.getState())) {
                Thread.onSpinWait();
            }
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start", e);
        }
    }

}
