package ru.newsmed.imagegen;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.ProviderServiceTest;

/**
 * The service's limits at its edge, in a context of their own: IMAGE_MAX_IN_FLIGHT=3.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServiceLimitsTest extends ProviderServiceTest {

    @DynamicPropertySource
    static void limits(DynamicPropertyRegistry registry) {
        registry.add("IMAGE_MAX_IN_FLIGHT", () -> "3");
    }

    @Test
    void answers503WithRetryAfterPastMaxInFlightAndStaysHealthy(CapturedOutput output) throws Exception {
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubDrawing(fileId, GigaChatStub.smallJpeg());
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.drawn(fileId).withFixedDelay(3000)));
        List<CompletableFuture<HttpResponse<String>>> admitted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            admitted.add(CompletableFuture.supplyAsync(() -> generate("{\"prompt\": \"медленный\"}")));
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> GigaChatStub.chatCalls() == 3);

        List<HttpResponse<String>> refused = concurrently(4, "{\"prompt\": \"ещё один\"}");
        HttpResponse<String> health = httpGet("/api/image-generation/health");

        for (HttpResponse<String> response : refused) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(json(response).path("error").asText()).isEqualTo("provider_unavailable");
            assertThat(json(response).path("message").asText()).contains("IMAGE_MAX_IN_FLIGHT");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        }
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        for (CompletableFuture<HttpResponse<String>> call : admitted) {
            assertThat(call.get().statusCode()).isEqualTo(200);
        }
        assertThat(GigaChatStub.chatCalls()).as("refused requests never reach the provider").isEqualTo(3);
        assertThat(generate("{\"prompt\": \"после\"}").statusCode()).as("slots freed once answered").isEqualTo(200);
        assertThat(output.getOut()).doesNotContain(" ERROR ").doesNotContain("RejectedExecutionException")
                .doesNotContain("\tat ");
    }
}
