package ru.newsmed.imagegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.ProviderServiceTest;

import static com.github.tomakehurst.wiremock.client.WireMock.post;

/** IMAGE_REQUEST_TIMEOUT (6 s in the tests) bounds the whole request: 504, and nothing stored later. */
class RequestTimeoutTest extends ProviderServiceTest {

    @Test
    void answers504WhenTheWholeRequestTakesTooLongAndStoresNothingAfterwards() {
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubDrawing(fileId, GigaChatStub.smallJpeg());
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.drawn(fileId).withFixedDelay(7500)));
        int storedBefore = storedFiles();

        long started = System.nanoTime();
        HttpResponse<String> response = generate("{\"prompt\": \"x\"}");
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(json(response).path("error").asText()).isEqualTo("timeout");
        assertThat(json(response).path("message").asText()).contains("IMAGE_REQUEST_TIMEOUT");
        assertThat(tookMs).isBetween(5_500L, 7_450L);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> GigaChatStub.downloads() == 1);
        Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> storedFiles() == storedBefore);
    }
}
