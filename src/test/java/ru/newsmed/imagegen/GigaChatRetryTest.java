package ru.newsmed.imagegen;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;
import ru.newsmed.imagegen.support.ProviderServiceTest;
import ru.newsmed.imagegen.support.GigaChatStub;

/** Retries (429, 5xx, I/O; never 402 or 4xx), Retry-After, and the account's concurrency limit. */
class GigaChatRetryTest extends ProviderServiceTest {

    private static final String PROMPT = "{\"prompt\": \"Томограф в клинике\"}";

    @Test
    void honoursRetryAfterOn429() {
        String fileId = stubChatAnswers(GigaChatStub.error(429, "Too many requests").withHeader("Retry-After", "1"));

        long started = System.nanoTime();
        HttpResponse<String> response = generate(PROMPT);
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(GigaChatStub.chatCalls()).isEqualTo(2);
        assertThat(tookMs).as("waited for Retry-After: 1").isGreaterThanOrEqualTo(1000);
        assertThat(GigaChatStub.downloads()).isEqualTo(1);
        assertThat(fileId).isNotEmpty();
    }

    @Test
    void retries429WithoutRetryAfterWithBackoff() {
        stubChatAnswers(GigaChatStub.error(429, "Too many requests"), GigaChatStub.error(429, "Too many requests"));

        HttpResponse<String> response = generate(PROMPT);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(GigaChatStub.chatCalls()).isEqualTo(3);
    }

    @Test
    void retriesServerErrorsAndConnectionResets() {
        stubChatAnswers(GigaChatStub.error(503, "Service Unavailable"),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        HttpResponse<String> response = generate(PROMPT);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(GigaChatStub.chatCalls()).isEqualTo(3);
    }

    @Test
    void retriesTheDownloadToo() {
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.drawn(fileId)));
        GigaChatStub.server().stubFor(get(GigaChatStub.contentPath(fileId)).inScenario("download")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(GigaChatStub.error(500, "Internal Server Error"))
                .willSetStateTo("healthy"));
        GigaChatStub.server().stubFor(get(GigaChatStub.contentPath(fileId)).inScenario("download")
                .whenScenarioStateIs("healthy").willReturn(GigaChatStub.image(GigaChatStub.realImage())));

        HttpResponse<String> response = generate(PROMPT);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(GigaChatStub.chatCalls()).isEqualTo(1);
        assertThat(GigaChatStub.downloads()).isEqualTo(2);
    }

    @Test
    void retriesADownloadThatIsNotAnImage() {
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.drawn(fileId)));
        GigaChatStub.server().stubFor(get(GigaChatStub.contentPath(fileId)).inScenario("download")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "image/jpeg").withBody("<html><body>Bad gateway</body></html>"))
                .willSetStateTo("healthy"));
        GigaChatStub.server().stubFor(get(GigaChatStub.contentPath(fileId)).inScenario("download")
                .whenScenarioStateIs("healthy").willReturn(GigaChatStub.image(GigaChatStub.smallJpeg())));

        HttpResponse<String> response = generate(PROMPT);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(GigaChatStub.chatCalls()).isEqualTo(1);
        assertThat(GigaChatStub.downloads()).isEqualTo(2);
    }

    @Test
    void retriesABodyThatBreaksOffNoMoreThanMaxRetries() {
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

        HttpResponse<String> response = generate(PROMPT);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("message").asText()).contains("MalformedChunkCodingException");
        assertThat(GigaChatStub.chatCalls()).as("1 + GIGACHAT_MAX_RETRIES, not a retry without end").isEqualTo(3);
    }

    @Test
    void givesUpAfterMaxRetries() {
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.error(500, "Internal Server Error")));

        HttpResponse<String> response = generate(PROMPT);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("error").asText()).isEqualTo("provider_failed");
        assertThat(json(response).path("message").asText()).contains("HTTP 500").contains("Internal Server Error");
        assertThat(GigaChatStub.chatCalls()).isEqualTo(3);
    }

    @Test
    void failsAtOnceWhenRetryAfterIsLongerThanTheCap() {
        stubChatAnswers(GigaChatStub.error(429, "Too many requests").withHeader("Retry-After", "3600"));

        long started = System.nanoTime();
        HttpResponse<String> response = generate(PROMPT);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("message").asText()).contains("IMAGE_RETRY_AFTER_MAX");
        assertThat(GigaChatStub.chatCalls()).isEqualTo(1);
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(3000);
    }

    @Test
    void neverRetriesPaymentRequired() {
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.error(402, "Payment Required")));

        HttpResponse<String> response = generate(PROMPT);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("message").asText()).contains("402").contains("tokens are spent");
        assertThat(GigaChatStub.chatCalls()).isEqualTo(1);
    }

    @Test
    void neverRetriesClientErrors() {
        for (int status : new int[]{400, 404, 422}) {
            GigaChatStub.server().resetAll();
            GigaChatStub.stubFreshTokens();
            GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.error(status, "No such model")));

            HttpResponse<String> response = generate(PROMPT);

            assertThat(response.statusCode()).as("after %d", status).isEqualTo(502);
            assertThat(json(response).path("message").asText()).contains("HTTP " + status).contains("No such model");
            assertThat(GigaChatStub.chatCalls()).as("calls after %d", status).isEqualTo(1);
        }
    }

    @Test
    void holdsTheConcurrencyLimitUnderLoad() throws Exception {
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.drawn(fileId).withFixedDelay(250)));
        GigaChatStub.server().stubFor(get(GigaChatStub.contentPath(fileId)).willReturn(GigaChatStub.image(GigaChatStub.smallJpeg())));

        List<HttpResponse<String>> responses = concurrently(12, PROMPT);

        assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(200));
        assertThat(GigaChatStub.inFlight().peak()).as("GIGACHAT_MAX_CONCURRENT=4").isEqualTo(4);
    }

    @Test
    void answers503WhenNoSlotFreesWithinTheQueueTimeout() throws Exception {
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.drawn(fileId).withFixedDelay(4500)));
        GigaChatStub.server().stubFor(get(GigaChatStub.contentPath(fileId)).willReturn(GigaChatStub.image(GigaChatStub.smallJpeg())));

        List<HttpResponse<String>> responses = concurrently(5, PROMPT);

        assertThat(responses).filteredOn(response -> response.statusCode() == 200).hasSize(4);
        HttpResponse<String> refused = responses.stream().filter(response -> response.statusCode() != 200).findFirst().orElseThrow();
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(json(refused).path("error").asText()).isEqualTo("provider_unavailable");
        assertThat(json(refused).path("message").asText()).contains("queue timeout");
        assertThat(GigaChatStub.chatCalls()).isEqualTo(4);
    }

    /** The chat answers the given failures in turn, then draws; returns the file id. */
    private static String stubChatAnswers(ResponseDefinitionBuilder... failures) {
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubFreshTokens();
        String state = Scenario.STARTED;
        for (int i = 0; i < failures.length; i++) {
            GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).inScenario("chat")
                    .whenScenarioStateIs(state).willReturn(failures[i]).willSetStateTo("after-" + i));
            state = "after-" + i;
        }
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).inScenario("chat")
                .whenScenarioStateIs(state).willReturn(GigaChatStub.drawn(fileId)));
        GigaChatStub.server().stubFor(get(GigaChatStub.contentPath(fileId)).willReturn(GigaChatStub.image(GigaChatStub.realImage())));
        return fileId;
    }
}
