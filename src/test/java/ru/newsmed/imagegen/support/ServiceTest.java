package ru.newsmed.imagegen.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The service started whole on a random port (Tomcat, the YAML routes, the beans), driven over
 * real HTTP. Subclasses pick the settings; WireMock stands in for GigaChat.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
public abstract class ServiceTest {

    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @LocalServerPort
    protected int port;

    /**
     * Settings every test context shares: GigaChat on WireMock, quick retries (of callbacks too), a fresh storage
     * folder and watched folder (looked at often, a file taken after 800 ms without a change).
     */
    protected static Path registerCommon(DynamicPropertyRegistry registry) {
        String run = UUID.randomUUID().toString();
        Path storage = Path.of("target", "test-storage", run).toAbsolutePath();
        registry.add("IMAGE_INBOX_DIR", () -> Path.of("target", "test-inbox", run).toAbsolutePath().toString());
        registry.add("IMAGE_INBOX_STABLE_MS", () -> "800");
        registry.add("IMAGE_INBOX_POLL_MS", () -> "100");
        registry.add("spring.jms.template.receive-timeout", () -> "30s");
        registry.add("GIGACHAT_OAUTH_URL", () -> GigaChatStub.httpsUrl(GigaChatStub.OAUTH_PATH));
        registry.add("GIGACHAT_BASE_URL", () -> GigaChatStub.httpsUrl("/api/v1"));
        registry.add("GIGACHAT_CLIENT_ID", () -> GigaChatStub.CLIENT_ID);
        registry.add("GIGACHAT_MAX_CONCURRENT", () -> "4");
        registry.add("GIGACHAT_QUEUE_TIMEOUT", () -> "3");
        registry.add("GIGACHAT_REQUEST_TIMEOUT", () -> "10");
        registry.add("GIGACHAT_MAX_RETRIES", () -> "2");
        registry.add("IMAGE_RETRY_INITIAL_DELAY_MS", () -> "50");
        registry.add("IMAGE_RETRY_MAX_DELAY_MS", () -> "200");
        registry.add("IMAGE_RETRY_AFTER_MAX", () -> "3");
        registry.add("IMAGE_CALLBACK_RETRY_DELAY_MS", () -> "20");
        registry.add("IMAGE_CALLBACK_MAX_DELAY_MS", () -> "100");
        registry.add("IMAGE_CALLBACK_TIMEOUT_MS", () -> "5000");
        registry.add("IMAGE_STORAGE_DIR", storage::toString);
        registry.add("IMAGE_DB_URL", () -> TestDatabases.h2(Path.of("target", "test-db", run)));
        registry.add("IMAGE_REQUEST_TIMEOUT", () -> "6");
        registry.add("management.endpoint.health.show-details", () -> "always");
        registry.add("IMAGE_UPLOAD_MAX_BYTES", () -> String.valueOf(2 * 1024 * 1024));
        return storage;
    }

    /** YandexART on WireMock, with quick polls and short limits. */
    protected static void registerYandex(DynamicPropertyRegistry registry) {
        registry.add("YC_FOLDER_ID", () -> YandexStub.FOLDER_ID);
        registry.add("YC_API_KEY", () -> YandexStub.API_KEY);
        registry.add("YC_BASE_URL", () -> YandexStub.url(""));
        registry.add("YC_OPERATIONS_URL", () -> YandexStub.url(YandexStub.OPERATIONS_PATH));
        registry.add("YC_POLL_INTERVAL", () -> "50ms");
        registry.add("YC_GENERATION_TIMEOUT", () -> "2");
        registry.add("YC_REQUEST_TIMEOUT", () -> "10");
        registry.add("YC_MAX_CONCURRENT", () -> "4");
        registry.add("YC_QUEUE_TIMEOUT", () -> "3");
        registry.add("YC_MAX_RETRIES", () -> "2");
    }

    /** A TCP port nobody listens on right now. */
    protected static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    protected HttpResponse<String> generate(String json, String... headers) {
        return postJson("/api/image-generation/generate", json, headers);
    }

    /** A POST of {@code json} (typed as JSON unless the headers say otherwise), with header name-value pairs. */
    protected HttpResponse<String> postJson(String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length == 0 || !String.join(" ", headers).contains("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the same generate request {@code requests} times at once; the answers in order. */
    protected List<HttpResponse<String>> concurrently(int requests, String json) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(requests);
        try {
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> generate(json), clients));
            }
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                responses.add(call.get());
            }
            return responses;
        } finally {
            clients.shutdownNow();
        }
    }

    protected HttpResponse<String> httpGet(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<byte[]> getBytes(String path) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    protected static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return CLIENT.sendAsync(request, handler).get(90, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("Not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    /** What stands in a folder's place in {@link #withFolderAsAFile}. */
    protected static final String FOLDER_AS_A_FILE = "a regular file where the image folder should be";

    /** What {@code action} answers while a regular file stands where {@code folder} should be (unwritable even for root). */
    protected static <T> T withFolderAsAFile(Path folder, Callable<T> action) throws Exception {
        Path aside = folder.resolveSibling(folder.getFileName() + "-aside");
        Files.createDirectories(folder.getParent());
        if (Files.isDirectory(folder)) {
            Files.move(folder, aside);
        }
        Files.writeString(folder, FOLDER_AS_A_FILE);
        try {
            return action.call();
        } finally {
            Files.delete(folder);
            if (Files.isDirectory(aside)) {
                Files.move(aside, folder);
            }
        }
    }
}
