package ru.newsmed.imagegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import ru.newsmed.imagegen.support.DatabaseRows;
import ru.newsmed.imagegen.support.ServiceTest;

/**
 * No provider credentials and no admin token, but an IMAGE_API_KEY: the service starts, guards its
 * API, and says what is missing.
 */
class UnconfiguredServiceTest extends ServiceTest {

    private static final String API_KEY = "test-api-key-5b1d";

    @Autowired
    Environment environment;

    @DynamicPropertySource
    static void withoutGigaChatKey(DynamicPropertyRegistry registry) {
        registerCommon(registry);
        registry.add("IMAGE_API_KEY", () -> API_KEY);
    }

    @Test
    void refusesARequestWithoutTheApiKey() {
        HttpResponse<String> response = generate("{\"prompt\": \"x\"}");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).path("error").asText()).isEqualTo("unauthorized");
    }

    @Test
    void refusesAWrongApiKey() {
        HttpResponse<String> response = generate("{\"prompt\": \"x\"}", "X-API-Key", API_KEY + "x");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).path("error").asText()).isEqualTo("unauthorized");
        assertThat(response.body()).doesNotContain(API_KEY);
    }

    @Test
    void namesTheMissingVariablesWhenNoProviderIsConfigured() {
        HttpResponse<String> response = generate("{\"prompt\": \"x\"}", "X-API-Key", API_KEY);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).path("error").asText()).isEqualTo("provider_unavailable");
        assertThat(json(response).path("message").asText()).contains("GIGACHAT_AUTH_KEY")
                .contains("YC_FOLDER_ID").contains("YC_API_KEY");
    }

    @Test
    void theApiKeyReachesNoDatabaseRow() throws Exception {
        assertThat(generate("{\"prompt\": \"x\"}", "X-API-Key", API_KEY, "Idempotency-Key", "api-key-row").statusCode())
                .isEqualTo(503);
        String jobId = json(postJson("/api/image-generation/jobs", "{\"prompt\": \"x\"}", "X-API-Key", API_KEY)).path("job_id").asText();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> json(httpGet("/api/image-generation/jobs/" + jobId,
                "X-API-Key", API_KEY)).path("status").asText().equals("failed"));

        List<String> rows = DatabaseRows.of(environment);

        assertThat(rows).filteredOn(row -> row.startsWith("imagegen_work:")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(rows).allSatisfy(row -> assertThat(row).doesNotContain(API_KEY));
    }

    @Test
    void healthSaysNeitherProviderIsConfiguredWithoutTheApiKey() {
        HttpResponse<String> response = httpGet("/api/image-generation/health");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).path("status").asText()).isEqualTo("DOWN");
        assertThat(json(response).path("providers").path("gigachat").path("status").asText()).isEqualTo("NOT_CONFIGURED");
        assertThat(json(response).path("providers").path("yandex").path("configured").asBoolean()).isFalse();
        assertThat(httpGet("/actuator/health/readiness").statusCode()).isEqualTo(503);
        assertThat(httpGet("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    @Test
    void statusNeedsTheApiKey() {
        assertThat(httpGet("/api/image-generation/status").statusCode()).isEqualTo(401);
        assertThat(httpGet("/api/image-generation/status", "X-API-Key", API_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void theApiDocumentNeedsTheApiKey() {
        HttpResponse<String> missing = httpGet("/api/image-generation/api-doc");
        HttpResponse<String> wrong = httpGet("/api/image-generation/api-doc", "X-API-Key", API_KEY + "x");
        HttpResponse<String> given = httpGet("/api/image-generation/api-doc", "X-API-Key", API_KEY);

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(json(missing).path("error").asText()).isEqualTo("unauthorized");
        assertThat(json(missing).path("success").asBoolean(true)).isFalse();
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body() + wrong.headers().map()).doesNotContain(API_KEY);
        assertThat(given.statusCode()).isEqualTo(200);
        assertThat(json(given).path("openapi").asText()).startsWith("3.");
        assertThat(given.headers().map().keySet()).noneMatch("x-api-key"::equalsIgnoreCase);
    }

    @Test
    void hidesTheAdminEndpointWhileNoAdminTokenIsSet() {
        HttpResponse<String> response = postJson("/api/image-generation/admin/routing", "{\"mode\": \"yandex\"}",
                "X-API-Key", API_KEY, "Authorization", "Bearer anything");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error").asText()).isEqualTo("not_found");
    }

    @Test
    void servesImagesWithoutTheApiKeyOutsideTheApiPath() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/images/00000000-0000-4000-8000-000000000000.jpeg"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
    }
}
