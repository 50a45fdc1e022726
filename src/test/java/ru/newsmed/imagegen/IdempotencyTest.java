package ru.newsmed.imagegen;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.ProviderServiceTest;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/** Idempotency-Key on POST /generate: what is kept and given again, and what is tried again. */
class IdempotencyTest extends ProviderServiceTest {

    private static final String BODY = "{\"prompt\": \"Хирург моет руки перед операцией\"}";

    @Test
    void givesTheSameAnswerAgainForTheSameKeyWithNoSecondProviderCall() {
        gigachatDraws();
        String key = "key-" + UUID.randomUUID();
        int storedBefore = storedFiles();

        HttpResponse<String> first = generate(BODY, "Idempotency-Key", key);
        HttpResponse<String> again = generate("{ \"prompt\" : \"Хирург моет руки перед операцией\" }", "Idempotency-Key", key);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json(again).path("image_id").asText()).isEqualTo(json(first).path("image_id").asText());
        assertThat(GigaChatStub.chatCalls()).isEqualTo(1);
        assertThat(GigaChatStub.downloads()).isEqualTo(1);
        assertThat(storedFiles()).isEqualTo(storedBefore + 2);
    }

    @Test
    void refusesTheSameKeyWithAnotherBody() {
        gigachatDraws();
        String key = "key-" + UUID.randomUUID();
        assertThat(generate(BODY, "Idempotency-Key", key).statusCode()).isEqualTo(200);

        HttpResponse<String> other = generate("{\"prompt\": \"Другой запрос\"}", "Idempotency-Key", key);

        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(json(other).path("error").asText()).isEqualTo("idempotency_key_reused");
        assertThat(GigaChatStub.chatCalls()).isEqualTo(1);
    }

    @Test
    void answers409WithRetryAfterWhileTheFirstRequestRuns() throws Exception {
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubDrawing(fileId, GigaChatStub.smallJpeg());
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.drawn(fileId).withFixedDelay(1500)));
        String key = "key-" + UUID.randomUUID();

        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> generate(BODY, "Idempotency-Key", key));
        org.awaitility.Awaitility.await().until(() -> GigaChatStub.chatCalls() == 1);
        HttpResponse<String> during = generate(BODY, "Idempotency-Key", key);

        assertThat(during.statusCode()).isEqualTo(409);
        assertThat(json(during).path("error").asText()).isEqualTo("request_in_progress");
        assertThat(during.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(first.get().statusCode()).isEqualTo(200);
        assertThat(generate(BODY, "Idempotency-Key", key).headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(GigaChatStub.chatCalls()).isEqualTo(1);
    }

    @Test
    void refusesAKeyThatIsBlankTooLongOrHasSpaces() {
        gigachatDraws();
        for (String key : List.of("a b", "x".repeat(256), "", " ")) {
            HttpResponse<String> response = generate(BODY, "Idempotency-Key", key);
            assertThat(response.statusCode()).as(key).isEqualTo(400);
            assertThat(json(response).path("field").asText()).isEqualTo("Idempotency-Key");
        }
        assertThat(generate(BODY, "Idempotency-Key", "x".repeat(255)).statusCode()).isEqualTo(200);
        assertThat(GigaChatStub.chatCalls()).isEqualTo(1);
    }

    @Test
    void triesAgainAKeyWhoseFirstRequestFailed() {
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.error(500, "down")));
        String key = "key-" + UUID.randomUUID();
        assertThat(generate(BODY, "Idempotency-Key", key).statusCode()).isEqualTo(502);

        gigachatDraws();
        HttpResponse<String> retried = generate(BODY, "Idempotency-Key", key);

        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void keepsARefusalAndGivesItAgain() {
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH)
                .willReturn(GigaChatStub.chatReply("Не могу нарисовать такое изображение.", "stop")));
        String key = "key-" + UUID.randomUUID();
        assertThat(generate(BODY, "Idempotency-Key", key).statusCode()).isEqualTo(422);

        HttpResponse<String> again = generate(BODY, "Idempotency-Key", key);

        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(json(again).path("error").asText()).isEqualTo("content_refused");
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(GigaChatStub.chatCalls()).isEqualTo(1);
    }

    @Test
    void fiftyConcurrentDuplicatesMakeOneProviderCall() throws Exception {
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubDrawing(fileId, GigaChatStub.smallJpeg());
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.drawn(fileId).withFixedDelay(500)));
        String key = "key-" + UUID.randomUUID();
        ExecutorService clients = Executors.newFixedThreadPool(50);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> generate(BODY, "Idempotency-Key", key), clients));
            }
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                HttpResponse<String> response = call.get();
                statuses.add(response.statusCode());
                JsonNode body = json(response);
                assertThat(body.path("error").asText(response.statusCode() == 200 ? "" : "request_in_progress"))
                        .isIn("", "request_in_progress");
            }
            assertThat(statuses).containsOnly(200, 409).contains(200);
        } finally {
            clients.shutdownNow();
        }
        assertThat(GigaChatStub.chatCalls()).isEqualTo(1);
        assertThat(GigaChatStub.downloads()).isEqualTo(1);
    }
}
