package ru.newsmed.imagegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import ru.newsmed.imagegen.support.TestDatabases;

/**
 * Where the routing in force comes from: the environment (IMAGE_PROVIDER, GIGACHAT_ROLLOUT_PERCENT,
 * IMAGE_FALLBACK_ENABLED) until an admin changes it; that change is stored in the database and
 * wins over the environment after a restart. The service runs in applications of its own here,
 * on one H2 database, since the test closes them (the shared test context stores a change before
 * every test).
 */
class StoredRoutingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String ADMIN_TOKEN = "stored-routing-admin-token-SECRET-5d0b";

    @TempDir
    Path folder;

    @Test
    void aFreshServiceSaysItsRoutingComesFromTheEnvironment() throws Exception {
        try (ConfigurableApplicationContext app = start()) {
            JsonNode status = status(app);

            assertThat(status.path("routing_source").asText()).isEqualTo("environment");
            assertThat(status.path("mode").asText()).isEqualTo("gigachat");
            assertThat(status.path("rollout_percent").asInt()).isEqualTo(70);
            assertThat(status.has("routing_changed_at")).isFalse();
            assertThat(status.has("routing_changed_by")).isFalse();
        }
    }

    @Test
    void anAdminChangeHoldsAcrossARestartOnTheSameDatabase() throws Exception {
        JsonNode before;
        try (ConfigurableApplicationContext app = start()) {
            HttpResponse<String> changed = send(HttpRequest.newBuilder(uri(app, "/api/image-generation/admin/routing"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + ADMIN_TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"mode\": \"yandex\", \"rollout_percent\": 30}")));
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
            before = status(app);
        }

        try (ConfigurableApplicationContext restarted = start()) {
            JsonNode status = status(restarted);

            assertThat(status.path("routing_source").asText()).isEqualTo("admin");
            assertThat(status.path("mode").asText()).isEqualTo("yandex");
            assertThat(status.path("rollout_percent").asInt()).isEqualTo(30);
            assertThat(status.path("fallback_enabled").asBoolean(true)).isFalse();
            assertThat(status.path("routing_changed_at").asText()).isEqualTo(before.path("routing_changed_at").asText());
            assertThat(status.path("routing_changed_by").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        }
    }

    /** The service on this test's H2 database, routing gigachat 70 % without fallback by its environment. */
    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(ImageGenerationApplication.class).properties("SERVER_PORT=0",
                "IMAGE_STORAGE_DIR=" + folder.resolve("storage"), "IMAGE_DB_URL=" + TestDatabases.h2(folder),
                "IMAGE_INBOX_DIR=" + folder.resolve("inbox"), "IMAGE_ADMIN_TOKEN=" + ADMIN_TOKEN,
                "IMAGE_PROVIDER=gigachat", "GIGACHAT_ROLLOUT_PERCENT=70", "IMAGE_FALLBACK_ENABLED=false").run();
    }

    private static JsonNode status(ConfigurableApplicationContext app) throws IOException {
        HttpResponse<String> status = send(HttpRequest.newBuilder(uri(app, "/api/image-generation/status")).GET());
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        assertThat(status.body()).doesNotContain(ADMIN_TOKEN);
        return JSON.readTree(status.body());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static URI uri(ConfigurableApplicationContext app, String path) {
        return URI.create("http://localhost:" + app.getEnvironment().getProperty("local.server.port") + path);
    }
}
