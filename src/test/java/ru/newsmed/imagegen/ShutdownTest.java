package ru.newsmed.imagegen;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.TestCertificates;
import ru.newsmed.imagegen.support.TestDatabases;

/**
 * A graceful stop with requests in flight (IMAGE_SHUTDOWN_TIMEOUT=4): the quick one finishes, the
 * slow one answers 503 before the time runs out, a new one (on a new connection) is answered 503
 * with Retry-After: 1 rather than refused at the socket, nothing is half-written.
 * The service runs in an application of its own here, since the test closes it.
 */
class ShutdownTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path folder;

    @Test
    void finishesWhatItCanAndAnswers503ToTheRestAndToNewWork() throws Exception {
        GigaChatStub.server().resetAll();
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubDrawing(fileId, GigaChatStub.smallJpeg());
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).withRequestBody(containing("быстрый"))
                .willReturn(GigaChatStub.drawn(fileId).withFixedDelay(1500)));
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).withRequestBody(containing("медленный"))
                .willReturn(GigaChatStub.drawn(fileId).withFixedDelay(6000)));
        Path storage = folder.resolve("storage");
        ConfigurableApplicationContext app = new SpringApplicationBuilder(ImageGenerationApplication.class).properties(
                "SERVER_PORT=0", "IMAGE_SHUTDOWN_TIMEOUT=4", "IMAGE_STORAGE_DIR=" + storage, "IMAGE_DB_URL=" + TestDatabases.h2(folder),
                "IMAGE_INBOX_DIR=" + folder.resolve("inbox"),
                "GIGACHAT_AUTH_KEY=" + GigaChatStub.AUTH_KEY, "GIGACHAT_CA_BUNDLE=" + TestCertificates.caBundle(),
                "GIGACHAT_OAUTH_URL=" + GigaChatStub.httpsUrl(GigaChatStub.OAUTH_PATH),
                "GIGACHAT_BASE_URL=" + GigaChatStub.httpsUrl("/api/v1"), "GIGACHAT_MAX_CONCURRENT=4",
                "IMAGE_FALLBACK_ENABLED=false").run();
        int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));

        CompletableFuture<HttpResponse<String>> quick = generate(port, "быстрый");
        CompletableFuture<HttpResponse<String>> slow = generate(port, "медленный");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> GigaChatStub.chatCalls() == 2);
        long closing = System.nanoTime();
        // A thread of its own (as SIGTERM's shutdown hook): the common pool may have one worker only.
        ExecutorService closer = Executors.newSingleThreadExecutor();
        CompletableFuture<Void> closed = CompletableFuture.runAsync(app::close, closer);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> app.getBean(ru.newsmed.imagegen.api.ShutdownGate.class).closing());

        HttpResponse<String> refused = HttpClient.newHttpClient().sendAsync(request(port, "новый"),
                HttpResponse.BodyHandlers.ofString()).get();
        assertThat(refused.statusCode()).as("new work after shutdown began").isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(JSON.readTree(refused.body()).path("error").asText()).isEqualTo("provider_unavailable");
        assertThat(quick.get().statusCode()).isEqualTo(200);
        HttpResponse<String> left = slow.get();
        assertThat(left.statusCode()).isEqualTo(503);
        JsonNode body = JSON.readTree(left.body());
        assertThat(body.path("error").asText()).isEqualTo("provider_unavailable");
        assertThat(body.path("message").asText()).contains("shutting down");
        assertThat((System.nanoTime() - closing) / 1_000_000).as("answered before the shutdown time ran out").isLessThan(4_500);
        closed.get();
        closer.shutdown();
        try (Stream<Path> files = Files.list(storage)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .hasSize(2).noneMatch(name -> name.startsWith(".tmp-"));
        }
        assertThat(GigaChatStub.inFlight().now()).as("the abandoned call ended before the service did").isZero();
    }

    private static CompletableFuture<HttpResponse<String>> generate(int port, String prompt) {
        return CLIENT.sendAsync(request(port, prompt), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(int port, String prompt) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/image-generation/generate"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"" + prompt + "\"}")).build();
    }
}
