package ru.newsmed.imagegen;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.ProviderServiceTest;
import ru.newsmed.imagegen.support.YandexStub;

/** IMAGE_FALLBACK_ENABLED: each reason to try the other provider, and the answers when none draws. */
class FallbackTest extends ProviderServiceTest {

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void fallbackOn() {
        assertThat(changeRouting("{\"fallback_enabled\": true}").statusCode()).isEqualTo(200);
    }

    @Test
    void fallsBackToYandexArtWhenGigaChatFailsAfterItsRetries() {
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.error(500, "Internal error")));
        yandexDraws();
        double before = fallbacks("gigachat", "yandex", "failed");

        JsonNode body = drawn(generate("{\"prompt\": \"x\"}"));

        assertThat(body.path("provider").asText()).isEqualTo("yandex");
        assertThat(body.path("model_used").asText()).isEqualTo("yandex-art");
        assertThat(body.path("fallback_used").asBoolean()).isTrue();
        assertThat(GigaChatStub.chatCalls()).isEqualTo(3);
        assertThat(fallbacks("gigachat", "yandex", "failed")).isEqualTo(before + 1);
    }

    @Test
    void fallsBackWhenGigaChatRefuses() {
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.chatReply("Не буду.", "blacklist")));
        yandexDraws();

        JsonNode body = drawn(generate("{\"prompt\": \"x\"}"));

        assertThat(body.path("provider").asText()).isEqualTo("yandex");
        assertThat(body.path("fallback_used").asBoolean()).isTrue();
        assertThat(GigaChatStub.chatCalls()).isEqualTo(1);
    }

    @Test
    void fallsBackToGigaChatWhenYandexArtFails() {
        changeRouting("{\"mode\": \"yandex\"}");
        YandexStub.stubStart(YandexStub.flatError(400, 3, "Invalid argument"));
        gigachatDraws();

        JsonNode body = drawn(generate("{\"prompt\": \"x\"}"));

        assertThat(body.path("provider").asText()).isEqualTo("gigachat");
        assertThat(body.path("model_used").asText()).isEqualTo("gigachat-kandinsky-3.1-GigaChat-2");
        assertThat(body.path("fallback_used").asBoolean()).isTrue();
    }

    @Test
    void skipsStraightToTheFallbackWhileTheCircuitIsOpen() {
        gigachatDraws();
        yandexDraws();
        gigachatCircuit.breaker().transitionToOpenState();
        double before = fallbacks("gigachat", "yandex", "circuit_open");

        JsonNode body = drawn(generate("{\"prompt\": \"x\"}"));

        assertThat(body.path("provider").asText()).isEqualTo("yandex");
        assertThat(GigaChatStub.chatCalls()).isZero();
        assertThat(fallbacks("gigachat", "yandex", "circuit_open")).isEqualTo(before + 1);
    }

    @Test
    void fallsBackWhenGigaChatHasNoFreeSlotWithinTheQueueTimeout() throws Exception {
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubDrawing(fileId, GigaChatStub.smallJpeg());
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.drawn(fileId).withFixedDelay(4000)));
        yandexDraws();
        List<CompletableFuture<HttpResponse<String>>> holders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            holders.add(CompletableFuture.supplyAsync(() -> generate("{\"prompt\": \"x\", \"provider\": \"gigachat\"}")));
        }
        org.awaitility.Awaitility.await().until(() -> GigaChatStub.chatCalls() == 4);
        double before = fallbacks("gigachat", "yandex", "queue_timeout");

        JsonNode body = drawn(generate("{\"prompt\": \"x\"}"));

        assertThat(body.path("provider").asText()).isEqualTo("yandex");
        assertThat(body.path("fallback_used").asBoolean()).isTrue();
        assertThat(fallbacks("gigachat", "yandex", "queue_timeout")).isEqualTo(before + 1);
        for (CompletableFuture<HttpResponse<String>> holder : holders) {
            assertThat(holder.get().statusCode()).isEqualTo(200);
        }
    }

    @Test
    void answersContentRefusedWhenBothRefuse() {
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.chatReply("Нет.", "stop")));
        YandexStub.stubStart(YandexStub.nestedError(400, 3, YandexStub.REFUSAL, "Bad Request"));

        HttpResponse<String> response = generate("{\"prompt\": \"x\"}");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).path("error").asText()).isEqualTo("content_refused");
        assertThat(json(response).path("message").asText()).contains("GigaChat refused").contains("YandexART refused");
    }

    @Test
    void answersProviderFailedWhenBothFail() {
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.error(402, "Payment Required")));
        YandexStub.stubStart(aResponse().withStatus(500).withBody("oops"));

        HttpResponse<String> response = generate("{\"prompt\": \"x\"}");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("error").asText()).isEqualTo("provider_failed");
        assertThat(json(response).path("message").asText()).contains("GigaChat failed").contains("402")
                .contains("YandexART failed").contains("HTTP 500");
    }

    @Test
    void answersProviderFailedNamingBothWhenOneRefusesAndTheOtherFails() {
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.chatReply("Нет.", "blacklist")));
        YandexStub.stubStart(YandexStub.flatError(403, 7, "Permission denied"));

        HttpResponse<String> response = generate("{\"prompt\": \"x\"}");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("error").asText()).isEqualTo("provider_failed");
        assertThat(json(response).path("message").asText()).contains("GigaChat refused").contains("YandexART failed");
    }

    @Test
    void leavesTheOtherProviderAloneWhenFallbackIsOff() {
        changeRouting("{\"fallback_enabled\": false}");
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.error(402, "Payment Required")));
        yandexDraws();

        HttpResponse<String> response = generate("{\"prompt\": \"x\"}");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(YandexStub.starts()).isZero();
    }

    private JsonNode drawn(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private double fallbacks(String from, String to, String reason) {
        Counter counter = meters.find("imagegen.fallbacks").tags("from", from, "to", to, "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
