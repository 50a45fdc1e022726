package ru.newsmed.imagegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.ServiceTest;
import ru.newsmed.imagegen.support.YandexStub;

/** Only YandexART configured, default routing (gigachat, fallback on): the missing key is a reason to fall back. */
class YandexOnlyServiceTest extends ServiceTest {

    @DynamicPropertySource
    static void yandexOnly(DynamicPropertyRegistry registry) {
        registerCommon(registry);
        registerYandex(registry);
    }

    @BeforeEach
    void resetProviders() {
        YandexStub.server().resetAll();
        GigaChatStub.server().resetAll();
    }

    @Test
    void fallsBackToYandexArtWhileGigaChatIsNotConfigured() {
        YandexStub.stubDrawing("fbv-only-1", 1, GigaChatStub.smallJpeg());

        HttpResponse<String> response = generate("{\"prompt\": \"Аптека\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("provider").asText()).isEqualTo("yandex");
        assertThat(body.path("fallback_used").asBoolean()).isTrue();
        assertThat(GigaChatStub.server().getAllServeEvents()).isEmpty();
    }

    @Test
    void isUpWhenEveryConfiguredProviderIsUp() {
        HttpResponse<String> response = httpGet("/api/image-generation/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("status").asText()).isEqualTo("UP");
        assertThat(json(response).path("providers").path("gigachat").path("status").asText()).isEqualTo("NOT_CONFIGURED");
        assertThat(json(response).path("providers").path("yandex").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void answersProviderUnavailableNamingTheVariableWhenFallbackCannotHelp() {
        YandexStub.stubDrawing("fbv-only-2", 0, GigaChatStub.smallJpeg());

        HttpResponse<String> response = generate("{\"prompt\": \"Аптека\", \"provider\": \"both\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("comparison").path("gigachat").path("error").asText()).isEqualTo("provider_unavailable");
        assertThat(json(response).path("comparison").path("gigachat").path("message").asText()).contains("GIGACHAT_AUTH_KEY");
    }
}
