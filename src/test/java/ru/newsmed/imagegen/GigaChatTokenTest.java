package ru.newsmed.imagegen;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import ru.newsmed.imagegen.support.ProviderServiceTest;
import ru.newsmed.imagegen.support.GigaChatStub;

/** The shared GigaChat token: one fetch per token life, early refresh, expires_at units, 401 recovery. */
class GigaChatTokenTest extends ProviderServiceTest {

    private static final String PROMPT = "{\"prompt\": \"Медсестра с планшетом\"}";

    @Test
    void fetchesOneTokenForTwentyConcurrentFirstRequests() throws Exception {
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubDrawing(fileId, GigaChatStub.smallJpeg());
        GigaChatStub.server().stubFor(post(GigaChatStub.OAUTH_PATH).willReturn(
                GigaChatStub.token("tok-shared", GigaChatStub.inMillis(Duration.ofMinutes(30)))
                        .withFixedDelay(300)));

        ExecutorService clients = Executors.newFixedThreadPool(20);
        try {
            List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 20)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> generate(PROMPT), clients))
                    .toList();
            assertThat(calls).allSatisfy(call -> assertThat(call.get().statusCode()).isEqualTo(200));
        } finally {
            clients.shutdownNow();
        }

        assertThat(GigaChatStub.tokenFetches()).isEqualTo(1);
        assertThat(GigaChatStub.chatCalls()).isEqualTo(20);
    }

    @Test
    void reusesATokenUntilTheRefreshBuffer() {
        GigaChatStub.stubDrawing(UUID.randomUUID().toString(), GigaChatStub.realImage());
        GigaChatStub.server().stubFor(post(GigaChatStub.OAUTH_PATH).willReturn(
                GigaChatStub.token("tok-long", GigaChatStub.inMillis(Duration.ofMinutes(6)))));

        generate(PROMPT);
        generate(PROMPT);

        assertThat(GigaChatStub.tokenFetches()).isEqualTo(1);
    }

    @Test
    void refreshesTheTokenOnceTheRefreshBufferIsReached() throws InterruptedException {
        GigaChatStub.stubDrawing(UUID.randomUUID().toString(), GigaChatStub.realImage());
        // Good for 2 s beyond the 5-minute refresh buffer.
        GigaChatStub.server().stubFor(post(GigaChatStub.OAUTH_PATH).willReturn(
                GigaChatStub.token("tok-short", GigaChatStub.inMillis(Duration.ofMinutes(5).plusSeconds(2)))));

        assertThat(generate(PROMPT).statusCode()).isEqualTo(200);
        assertThat(generate(PROMPT).statusCode()).isEqualTo(200);
        assertThat(GigaChatStub.tokenFetches()).isEqualTo(1);

        Thread.sleep(2500); // not waiting for work: letting the clock reach expires_at minus the buffer
        GigaChatStub.server().stubFor(post(GigaChatStub.OAUTH_PATH).willReturn(
                GigaChatStub.token("tok-next", GigaChatStub.inMillis(Duration.ofMinutes(30)))));
        assertThat(generate(PROMPT).statusCode()).isEqualTo(200);
        assertThat(GigaChatStub.tokenFetches()).isEqualTo(2);
    }

    @Test
    void readsExpiresAtGivenInSeconds() {
        GigaChatStub.stubDrawing(UUID.randomUUID().toString(), GigaChatStub.realImage());
        long inSeconds = Instant.now().plus(Duration.ofMinutes(30)).getEpochSecond();
        GigaChatStub.server().stubFor(post(GigaChatStub.OAUTH_PATH).willReturn(GigaChatStub.token("tok-s", inSeconds)));

        generate(PROMPT);
        generate(PROMPT);

        assertThat(GigaChatStub.tokenFetches()).isEqualTo(1);
        assertThat(tokenCache.expiresAt()).hasValueSatisfying(at ->
                assertThat(at).isBetween(Instant.now().plus(Duration.ofMinutes(29)), Instant.now().plus(Duration.ofMinutes(31))));
    }

    @Test
    void readsExpiresAtGivenInMilliseconds() {
        GigaChatStub.stubDrawing(UUID.randomUUID().toString(), GigaChatStub.realImage());
        GigaChatStub.server().stubFor(post(GigaChatStub.OAUTH_PATH).willReturn(
                GigaChatStub.token("tok-ms", GigaChatStub.inMillis(Duration.ofMinutes(30)))));

        generate(PROMPT);

        assertThat(tokenCache.expiresAt()).hasValueSatisfying(at ->
                assertThat(at).isBetween(Instant.now().plus(Duration.ofMinutes(29)), Instant.now().plus(Duration.ofMinutes(31))));
    }

    @Test
    void refetchesTheTokenOnceWhenTheChatAnswers401() {
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubTwoTokens("tok-old", "tok-new");
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).withHeader("Authorization", equalTo("Bearer tok-old"))
                .willReturn(GigaChatStub.error(401, "Token has expired")));
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).withHeader("Authorization", equalTo("Bearer tok-new"))
                .willReturn(GigaChatStub.drawn(fileId)));
        GigaChatStub.server().stubFor(get(GigaChatStub.contentPath(fileId)).willReturn(GigaChatStub.image(GigaChatStub.realImage())));

        HttpResponse<String> response = generate(PROMPT);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(GigaChatStub.tokenFetches()).isEqualTo(2);
        assertThat(GigaChatStub.chatCalls()).isEqualTo(2);
    }

    @Test
    void refetchesTheTokenOnceWhenTheDownloadAnswers401() {
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubTwoTokens("tok-old", "tok-new");
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.drawn(fileId)));
        GigaChatStub.server().stubFor(get(GigaChatStub.contentPath(fileId)).withHeader("Authorization", equalTo("Bearer tok-old"))
                .willReturn(GigaChatStub.error(401, "Unauthorized")));
        GigaChatStub.server().stubFor(get(GigaChatStub.contentPath(fileId)).withHeader("Authorization", equalTo("Bearer tok-new"))
                .willReturn(GigaChatStub.image(GigaChatStub.realImage())));

        HttpResponse<String> response = generate(PROMPT);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(GigaChatStub.tokenFetches()).isEqualTo(2);
        assertThat(GigaChatStub.chatCalls()).isEqualTo(1);
        assertThat(GigaChatStub.downloads()).isEqualTo(2);
    }

    @Test
    void givesUpAfterOneRefetchWhenEvenTheFreshTokenIsRefused() {
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.error(401, "Unauthorized")));

        HttpResponse<String> response = generate(PROMPT);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("error").asText()).isEqualTo("provider_failed");
        assertThat(GigaChatStub.tokenFetches()).isEqualTo(2);
        assertThat(GigaChatStub.chatCalls()).isEqualTo(2);
    }

    @Test
    void explainsAnAuthorizationKeyGigaChatRejects() {
        GigaChatStub.server().stubFor(post(GigaChatStub.OAUTH_PATH).willReturn(
                GigaChatStub.error(401, "x").withBody("{\"code\":6,\"message\":\"credentials doesn't match db data\"}")));

        HttpResponse<String> response = generate(PROMPT);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("message").asText())
                .contains("GigaChat rejected the authorization key (code 6)")
                .doesNotContain(GigaChatStub.AUTH_KEY);
        assertThat(GigaChatStub.tokenFetches()).isEqualTo(1);
        assertThat(GigaChatStub.chatCalls()).isZero();
    }

    @Test
    void explainsAScopeThatDoesNotMatchTheKey() {
        GigaChatStub.server().stubFor(post(GigaChatStub.OAUTH_PATH).willReturn(GigaChatStub.error(400, "x")
                .withBody("{\"code\":7,\"message\":\"scope from db not fully includes consumed scope\"}")));

        HttpResponse<String> response = generate(PROMPT);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("message").asText()).contains("scope GIGACHAT_API_PERS").contains("code 7");
    }
}
