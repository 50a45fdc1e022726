package ru.newsmed.imagegen;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.ProviderServiceTest;
import ru.newsmed.imagegen.support.YandexStub;

/** Each provider's circuit breaker: failures after retries open it, refusals do not; open, it is skipped. */
class CircuitBreakerTest extends ProviderServiceTest {

    @Test
    void opensAfterRepeatedFailuresAndSkipsTheProviderWhileOpen() {
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.error(402, "Payment Required")));
        yandexDraws();
        for (int i = 0; i < 5; i++) {
            assertThat(generate("{\"prompt\": \"x\"}").statusCode()).isEqualTo(502);
        }
        assertThat(gigachatCircuit.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);

        HttpResponse<String> skipped = generate("{\"prompt\": \"x\"}");

        assertThat(skipped.statusCode()).isEqualTo(503);
        assertThat(json(skipped).path("error").asText()).isEqualTo("provider_unavailable");
        assertThat(json(skipped).path("message").asText()).contains("circuit breaker is open");
        assertThat(GigaChatStub.chatCalls()).isEqualTo(5);

        changeRouting("{\"fallback_enabled\": true}");
        HttpResponse<String> fellBack = generate("{\"prompt\": \"x\"}");

        assertThat(fellBack.statusCode()).isEqualTo(200);
        assertThat(json(fellBack).path("provider").asText()).isEqualTo("yandex");
        assertThat(json(fellBack).path("fallback_used").asBoolean()).isTrue();
        assertThat(GigaChatStub.chatCalls()).isEqualTo(5);
        assertThat(YandexStub.starts()).isEqualTo(1);
    }

    @Test
    void staysClosedThroughRefusals() {
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.chatReply("Не буду.", "stop")));
        for (int i = 0; i < 8; i++) {
            assertThat(generate("{\"prompt\": \"x\"}").statusCode()).isEqualTo(422);
        }

        assertThat(gigachatCircuit.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(generate("{\"prompt\": \"x\"}").statusCode()).isEqualTo(422);
        assertThat(GigaChatStub.chatCalls()).isEqualTo(9);
    }

    @Test
    void opensForYandexArtToo() {
        changeRouting("{\"mode\": \"yandex\"}");
        YandexStub.stubStart(YandexStub.flatError(401, 16, "Unknown api key"));
        for (int i = 0; i < 5; i++) {
            assertThat(generate("{\"prompt\": \"x\"}").statusCode()).isEqualTo(502);
        }

        HttpResponse<String> skipped = generate("{\"prompt\": \"x\"}");

        assertThat(skipped.statusCode()).isEqualTo(503);
        assertThat(json(skipped).path("message").asText()).contains("YandexART is paused");
        assertThat(YandexStub.starts()).isEqualTo(5);
    }
}
