package ru.newsmed.imagegen;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.servlet.ServletContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.ProviderServiceTest;
import ru.newsmed.imagegen.support.RawHttp;

/**
 * The service's limits at its edge, in a context of their own: IMAGE_MAX_IN_FLIGHT=3 and
 * IMAGE_BODY_READ_TIMEOUT=2 and IMAGE_UPLOAD_READ_TIMEOUT=2.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServiceLimitsTest extends ProviderServiceTest {

    private static final String BOUNDARY = "----service-limits-boundary";

    @Autowired
    ServletContext servletContext;

    @DynamicPropertySource
    static void limits(DynamicPropertyRegistry registry) {
        registry.add("IMAGE_MAX_IN_FLIGHT", () -> "3");
        registry.add("IMAGE_BODY_READ_TIMEOUT", () -> "2");
        registry.add("IMAGE_UPLOAD_READ_TIMEOUT", () -> "2");
        // No TCP acceptor: the shared context holds its port. The setting itself, not its variable:
        // the parent class's IMAGE_JMS_EMBEDDED_ACCEPTOR would win over one registered here.
        registry.add("imagegen.jms.embedded-acceptor", () -> "");
    }

    @Test
    void answers503WithRetryAfterPastMaxInFlightAndStaysHealthy(CapturedOutput output) throws Exception {
        int logged = output.getOut().length();
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubDrawing(fileId, GigaChatStub.smallJpeg());
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.drawn(fileId).withFixedDelay(3000)));
        List<CompletableFuture<HttpResponse<String>>> admitted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            admitted.add(CompletableFuture.supplyAsync(() -> generate("{\"prompt\": \"медленный\"}")));
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> GigaChatStub.chatCalls() == 3);

        List<HttpResponse<String>> refused = concurrently(4, "{\"prompt\": \"ещё один\"}");
        HttpResponse<String> health = httpGet("/api/image-generation/health");

        for (HttpResponse<String> response : refused) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(json(response).path("error").asText()).isEqualTo("provider_unavailable");
            assertThat(json(response).path("message").asText()).contains("IMAGE_MAX_IN_FLIGHT");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        }
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        for (CompletableFuture<HttpResponse<String>> call : admitted) {
            assertThat(call.get().statusCode()).isEqualTo(200);
        }
        assertThat(GigaChatStub.chatCalls()).as("refused requests never reach the provider").isEqualTo(3);
        assertThat(generate("{\"prompt\": \"после\"}").statusCode()).as("slots freed once answered").isEqualTo(200);
        assertThat(requestLog(output, logged)).doesNotContain(" ERROR ").doesNotContain("RejectedExecutionException")
                .doesNotContain("\tat ");
    }

    @Test
    void answers408ToABodyTrickledPastTheBodyReadTimeout(CapturedOutput output) throws Exception {
        int logged = output.getOut().length();
        try (RawHttp http = new RawHttp(port, 15_000)) {
            http.head("POST /api/image-generation/generate HTTP/1.1", "Host: localhost",
                    "Content-Type: application/json", "Transfer-Encoding: chunked");
            long started = System.nanoTime();
            trickle(http, "1\r\n{\r\n");

            RawHttp.Response response = http.response();

            assertRequestTimeout(response, started);
        }
        assertThat(requestLog(output, logged)).doesNotContain(" ERROR ").doesNotContain("\tat ");
        assertThat(GigaChatStub.server().getAllServeEvents()).isEmpty();
    }

    @Test
    void answers408ToABodyThatStalls(CapturedOutput output) throws Exception {
        int logged = output.getOut().length();
        try (RawHttp http = new RawHttp(port, 15_000)) {
            http.head("POST /api/image-generation/generate HTTP/1.1", "Host: localhost",
                    "Content-Type: application/json", "Content-Length: 100");
            long started = System.nanoTime();
            http.write("{\"prompt\": ");

            RawHttp.Response response = http.response();

            assertRequestTimeout(response, started);
        }
        assertThat(requestLog(output, logged)).doesNotContain(" ERROR ").doesNotContain("\tat ");
        assertThat(GigaChatStub.server().getAllServeEvents()).isEmpty();
    }

    @Test
    void answers408ToAnUploadTrickledPastTheUploadReadTimeoutAndKeepsNothing(CapturedOutput output) throws Exception {
        int logged = output.getOut().length();
        int stored = storedFiles();
        long copies = temporaryFiles();
        try (RawHttp http = new RawHttp(port, 15_000)) {
            http.head("POST /api/image-generation/upload HTTP/1.1", "Host: localhost",
                    "Content-Type: multipart/form-data; boundary=" + BOUNDARY, "Transfer-Encoding: chunked");
            long started = System.nanoTime();
            String partHead = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"slow.jpg\"\r\n"
                    + "Content-Type: image/jpeg\r\n\r\n";
            http.write(Integer.toHexString(partHead.length()) + "\r\n" + partHead + "\r\n");
            trickle(http, "1\r\nB\r\n");

            RawHttp.Response response = http.response();

            assertRequestTimeout(response, started);
        }
        String log = requestLog(output, logged);
        assertThat(log).contains("Answered 408 to POST /api/image-generation/upload")
                .doesNotContain(" ERROR ").doesNotContain("\tat ");
        assertThat(storedFiles()).as("nothing stored").isEqualTo(stored);
        // The parts are deleted when the request completes, which may be just after its answer went out.
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(temporaryFiles()).as("no temporary copy left").isEqualTo(copies));
    }

    @Test
    void storesAWholeUploadSentWithinTheUploadReadTimeout() throws Exception {
        byte[] image = GigaChatStub.realImage();
        long copies = temporaryFiles();
        String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(image);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/image-generation/upload"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String imageId = json(response).path("image_id").asText();
        assertThat(Files.readAllBytes(storage.resolve(imageId + ".jpeg"))).isEqualTo(image);
        assertThat(JSON.readTree(storage.resolve(imageId + ".json").toFile()).path("upload_name").asText())
                .isEqualTo("photo.jpg");
        // The parts are deleted when the request completes, which may be just after its answer went out.
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(temporaryFiles()).as("no temporary copy left").isEqualTo(copies));
    }

    /** Sends {@code chunk} every half second on a thread of its own, until the server stops reading (at most 20 s). */
    private static void trickle(RawHttp http, String chunk) {
        Thread trickle = new Thread(() -> {
            try {
                for (int i = 0; i < 40; i++) {
                    http.write(chunk);
                    Thread.sleep(500);
                }
            } catch (Exception answeredAndClosed) {
                // the server stopped reading
            }
        });
        trickle.setDaemon(true);
        trickle.start();
    }

    private long temporaryFiles() throws IOException {
        Path temporary = ((File) servletContext.getAttribute(ServletContext.TEMPDIR)).toPath();
        try (Stream<Path> files = Files.walk(temporary)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static void assertRequestTimeout(RawHttp.Response response, long started) throws Exception {
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(response.status()).as(response.body()).isEqualTo(408);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(JSON.readTree(response.body()).path("error").asText()).isEqualTo("request_timeout");
        assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
        assertThat(tookMs).as("answered soon after IMAGE_BODY_READ_TIMEOUT").isBetween(1_900L, 5_000L);
    }

    /**
     * What was logged since {@code from}, but the JMS listener's retries: a second embedded broker in
     * the test JVM (this context's, beside the shared one) is not always reachable, and says so.
     */
    private static String requestLog(CapturedOutput output, int from) {
        return output.getOut().substring(from).lines()
                .filter(line -> !line.contains("JmsMessageListenerContainer"))
                .collect(Collectors.joining("\n"));
    }
}
