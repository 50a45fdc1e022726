package ru.newsmed.imagegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.ProviderServiceTest;
import ru.newsmed.imagegen.support.YandexStub;

/** /health, /status and Actuator's readiness and liveness in each provider and storage state. */
class HealthAndStatusTest extends ProviderServiceTest {

    /** Camel's consumers (the JMS listener among them) report UP a moment after start-up. */
    @BeforeEach
    void awaitReadiness() {
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> httpGet("/actuator/health/readiness").statusCode() == 200);
    }

    @Test
    void isUpWithBothProvidersConfiguredAndClosed() {
        HttpResponse<String> response = httpGet("/api/image-generation/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.path("providers").path("gigachat").path("configured").asBoolean()).isTrue();
        assertThat(body.path("providers").path("gigachat").path("status").asText()).isEqualTo("UP");
        assertThat(body.path("providers").path("yandex").path("status").asText()).isEqualTo("UP");
        assertThat(body.path("storage").path("type").asText()).isEqualTo("file");
        assertThat(body.path("storage").path("status").asText()).isEqualTo("UP");
        HttpResponse<String> readiness = httpGet("/actuator/health/readiness");
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
    }

    @Test
    void namesTheEmbeddedH2DatabaseAndItsState() {
        JsonNode database = json(httpGet("/api/image-generation/health")).path("database");

        assertThat(database.path("type").asText()).isEqualTo("h2");
        assertThat(database.path("status").asText()).isEqualTo("UP");
    }

    @Test
    void isDegradedButReadyWithOneCircuitOpen() {
        gigachatCircuit.breaker().transitionToOpenState();

        JsonNode body = json(httpGet("/api/image-generation/health"));

        assertThat(body.path("status").asText()).isEqualTo("DEGRADED");
        assertThat(body.path("providers").path("gigachat").path("status").asText()).isEqualTo("DOWN");
        assertThat(httpGet("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    void isDownAndNotReadyButAliveWithBothCircuitsOpen() {
        gigachatCircuit.breaker().transitionToOpenState();
        yandexCircuit.breaker().transitionToOpenState();

        HttpResponse<String> response = httpGet("/api/image-generation/health");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).path("status").asText()).isEqualTo("DOWN");
        assertThat(httpGet("/actuator/health/readiness").statusCode()).isEqualTo(503);
        assertThat(httpGet("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    @Test
    void isDownWhileTheStorageFolderCannotBeWritten() throws Exception {
        withFolderAsAFile(storage, () -> {
            HttpResponse<String> response = httpGet("/api/image-generation/health");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(json(response).path("storage").path("status").asText()).isEqualTo("DOWN");
            assertThat(httpGet("/actuator/health/readiness").statusCode()).isEqualTo(503);
            return null;
        });
        assertThat(httpGet("/api/image-generation/health").statusCode()).isEqualTo(200);
    }

    @Test
    void statusShowsRoutingCircuitsCountsAndTheTokensExpiryButNoSecret() {
        gigachatDraws();
        changeRouting("{\"rollout_percent\": 90}");
        long successesBefore = json(httpGet("/api/image-generation/status")).path("providers").path("gigachat").path("successes").asLong();
        assertThat(generate("{\"prompt\": \"x\", \"provider\": \"gigachat\"}").statusCode()).isEqualTo(200);
        yandexCircuit.breaker().transitionToOpenState();

        HttpResponse<String> response = httpGet("/api/image-generation/status");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("mode").asText()).isEqualTo("gigachat");
        assertThat(body.path("rollout_percent").asInt()).isEqualTo(90);
        assertThat(body.path("fallback_enabled").asBoolean()).isFalse();
        JsonNode gigachat = body.path("providers").path("gigachat");
        assertThat(gigachat.path("configured").asBoolean()).isTrue();
        assertThat(gigachat.path("circuit").asText()).isEqualTo("CLOSED");
        assertThat(gigachat.path("in_flight").asInt()).isZero();
        assertThat(gigachat.path("queued").asInt()).isZero();
        assertThat(gigachat.path("successes").asLong()).isEqualTo(successesBefore + 1);
        assertThat(gigachat.has("refusals") && gigachat.has("failures") && gigachat.has("fallbacks_from")).isTrue();
        assertThat(gigachat.path("token_expires_at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        assertThat(body.path("providers").path("yandex").path("circuit").asText()).isEqualTo("OPEN");
        assertThat(body.path("storage").path("type").asText()).isEqualTo("file");
        assertThat(response.body()).doesNotContain("tok-").doesNotContain(GigaChatStub.AUTH_KEY).doesNotContain(YandexStub.API_KEY);
    }
}
