package ru.newsmed.imagegen;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
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
import ru.newsmed.imagegen.support.LeftoverWork;
import ru.newsmed.imagegen.support.ServiceTest;
import ru.newsmed.imagegen.support.TestCertificates;

/**
 * IMAGE_STORAGE=s3 against s3proxy, a real S3 protocol server (in memory), which accepts objects up
 * to 1 MB here so that a store can fail half-way. The service starts while S3 is down; the first
 * test runs before s3proxy ever starts; the last puts WireMock in its place to break the PUTs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3StorageTest extends ServiceTest {

    private static final String BUCKET = "news-images";
    private static final String ACCESS_KEY = "test-access-key";
    private static final String SECRET_KEY = "test-secret-key-SECRET";
    private static final int S3_PORT = freePort();
    /** Attempts of one S3 call: the AWS SDK's default for S3, 1 + 3 retries. */
    private static final int SDK_ATTEMPTS = 4;
    private static final String DELAY = "delay past timeout";
    private static final BlobStoreContext BLOBS = ContextBuilder.newBuilder("transient")
            .credentials("identity", "credential").build(BlobStoreContext.class);
    private static S3Proxy s3;

    @Autowired
    GigaChatTokenCache tokenCache;

    @Autowired
    CamelContext camel;

    @Autowired
    MeterRegistry meters;

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
        // So that a delay past the timeout is one of the faults: 1 s an attempt; four slow attempts
        // and their backoff then fit in the request's own bound.
        registry.add("IMAGE_S3_REQUEST_TIMEOUT", () -> "1");
        registry.add("IMAGE_REQUEST_TIMEOUT", () -> "15");
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

    /**
     * WireMock in s3proxy's place stands in for S3 and breaks the PUT of the image (after the record
     * was put), on every attempt or only the first: the AWS SDK's own retries (4 attempts) recover
     * from a fault once; on every attempt the answer is storage_failed and the record is removed.
     * A malformed chunk comes after a 200 status line, which is S3's word that the object is stored:
     * the SDK never reads a PUT's body, so that image is stored. Then S3 down (a closed port). Never
     * a 500, nothing left working. A delay past the attempt's timeout (1 s here) and a throttling
     * 503 or 429 (the longest backoff) are retried like the rest: the call's own bound leaves room for
     * every attempt, so each row sees exactly 4 PUTs. Prints its matrix.
     */
    @Test
    @Order(5)
    void survivesEveryFaultOfTheS3Put() throws Exception {
        startS3();
        s3.stop();
        s3 = null;
        WireMockServer standIn = new WireMockServer(options().port(S3_PORT).notifier(new ConsoleNotifier(false)));
        standIn.start();
        List<String> matrix = new ArrayList<>();
        int tried = 0;
        int survived = 0;
        try {
            for (boolean once : new boolean[]{false, true}) {
                for (Map.Entry<String, ResponseDefinitionBuilder> fault : s3Faults().entrySet()) {
                    tried++;
                    String outcome = injectIntoPut(standIn, once, fault.getKey().equals("malformed chunk"),
                            fault.getValue());
                    matrix.add(String.format("%-9s %-13s %-24s %s", once ? "once" : "every", "s3 put", fault.getKey(), outcome));
                    survived += outcome.startsWith("ok") ? 1 : 0;
                }
            }
            standIn.stop();
            tried++;
            String down = s3Down();
            matrix.add(String.format("%-9s %-13s %-24s %s", "every", "s3 put", "S3 down (closed port)", down));
            survived += down.startsWith("ok") ? 1 : 0;
        } finally {
            standIn.stop();
        }
        matrix.add("faults tried " + tried + ", survived " + survived);
        System.out.println(String.join(System.lineSeparator(), matrix));

        assertThat(survived).as(String.join("\n", matrix)).isEqualTo(tried);
    }

    private static Map<String, ResponseDefinitionBuilder> s3Faults() {
        Map<String, ResponseDefinitionBuilder> faults = new LinkedHashMap<>();
        faults.put("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        faults.put("empty response", aResponse().withFault(Fault.EMPTY_RESPONSE));
        faults.put("malformed chunk", aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));
        faults.put("random data, close", aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE));
        faults.put("500", s3Error(500, "InternalError"));
        faults.put("503", s3Error(503, "SlowDown"));
        faults.put("429", s3Error(429, "TooManyRequests"));
        faults.put(DELAY, aResponse().withStatus(200).withHeader("ETag", "\"5d41402abc4b2a76b9719d911017c592\"")
                .withFixedDelay(1500));
        return faults;
    }

    private static ResponseDefinitionBuilder s3Error(int status, String code) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/xml")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + code
                        + "</Message></Error>");
    }

    /** One fault on the image's PUT; "ok ..." when the answer, the objects left and the work left are right. */
    private String injectIntoPut(WireMockServer standIn, boolean once, boolean accepted,
                                 ResponseDefinitionBuilder fault) {
        standIn.resetAll();
        StubMapping stored = standIn.stubFor(put(urlPathMatching("/" + BUCKET + "/illustrations/.*"))
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"5d41402abc4b2a76b9719d911017c592\"")));
        standIn.stubFor(delete(urlPathMatching("/" + BUCKET + "/illustrations/.*")).willReturn(aResponse().withStatus(204)));
        MappingBuilder imagePut = put(urlPathMatching("/" + BUCKET + "/illustrations/.*\\.jpeg")).atPriority(1);
        if (once) {
            imagePut = imagePut.inScenario("fault once").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("passed");
        }
        standIn.stubFor(imagePut.willReturn(fault));
        drawsSmallJpeg();

        HttpResponse<String> response = generate("{\"prompt\": \"x\"}");

        int status = response.statusCode();
        JsonNode body = json(response);
        String summary = status + (status == 200 ? "" : " " + body.path("error").asText());
        String expected = once || accepted ? "200" : "502 storage_failed";
        Set<String> kept = new HashSet<>();
        Set<String> deleted = new HashSet<>();
        int imagePuts = 0;
        for (ServeEvent event : standIn.getAllServeEvents()) {
            String key = event.getRequest().getUrl().replaceFirst("^/" + BUCKET + "/", "");
            if (event.getRequest().getMethod().getName().equals("PUT")) {
                imagePuts += key.endsWith(".jpeg") ? 1 : 0;
                if (accepted || event.getStubMapping().getId().equals(stored.getId())) {
                    kept.add(key);
                }
            } else if (event.getRequest().getMethod().getName().equals("DELETE")) {
                deleted.add(key);
            }
        }
        kept.removeAll(deleted);
        String imageId = body.path("image_id").asText();
        Set<String> expectedKept = status == 200
                ? Set.of("illustrations/" + imageId + ".jpeg", "illustrations/" + imageId + ".json") : Set.of();
        List<String> wrong = new ArrayList<>();
        if (!summary.equals(expected)) {
            wrong.add("expected " + expected);
        }
        if (!kept.equals(expectedKept)) {
            wrong.add("left in S3 " + kept);
        }
        int expectedPuts = accepted ? 1 : once ? 2 : SDK_ATTEMPTS;
        if (imagePuts != expectedPuts) {
            wrong.add(imagePuts + " PUTs of the image, expected " + expectedPuts);
        }
        new LeftoverWork(camel, meters).after(Duration.ofSeconds(5)).ifPresent(wrong::add);
        String how = accepted ? " (stored: the status line said so)" : once ? " after the SDK's retry"
                : " after " + imagePuts + " attempts, record removed";
        return wrong.isEmpty() ? "ok " + summary + how : "FAILED: " + summary + ": " + String.join(", ", wrong);
    }

    private String s3Down() {
        drawsSmallJpeg();

        HttpResponse<String> response = generate("{\"prompt\": \"x\"}");

        String summary = response.statusCode() + " " + json(response).path("error").asText();
        List<String> wrong = new ArrayList<>();
        if (!summary.equals("502 storage_failed")) {
            wrong.add("expected 502 storage_failed");
        }
        new LeftoverWork(camel, meters).after(Duration.ofSeconds(5)).ifPresent(wrong::add);
        return wrong.isEmpty() ? "ok " + summary : "FAILED: " + summary + ": " + String.join(", ", wrong);
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
