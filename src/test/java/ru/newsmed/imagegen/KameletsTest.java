package ru.newsmed.imagegen;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import ru.newsmed.imagegen.errors.ContentRefusedException;
import ru.newsmed.imagegen.errors.ProviderFailedException;
import ru.newsmed.imagegen.errors.ProviderUnavailableException;
import ru.newsmed.imagegen.errors.RetryableProviderException;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.ProviderServiceTest;
import ru.newsmed.imagegen.support.TestCertificates;
import ru.newsmed.imagegen.support.YandexStub;

/**
 * The two Kamelets called directly, as a host ESB would (a ProducerTemplate, parameters in the
 * URI), against WireMock standing in for the providers: the body and every documented header out,
 * the resumption by file id or operation id, the documented exception types, and nothing stored.
 * A context of its own: an exchange a ProducerTemplate sends straight to a Kamelet has no route,
 * so camel-micrometer's exchange event notifier would register its meter without the routeId tag,
 * which Prometheus refuses beside the routes' meters (MetricsTest checks that none is refused).
 */
class KameletsTest extends ProviderServiceTest {

    @DynamicPropertySource
    static void noExchangeEventMeters(DynamicPropertyRegistry registry) {
        registry.add("camel.metrics.enable-exchange-event-notifier", () -> "false");
        // the shared context holds the embedded broker's port
        registry.add("imagegen.jms.embedded-acceptor", () -> "");
    }

    private static final String RETRIES = "&maxRetries=2&retryInitialDelay=20&retryMaxDelay=50&retryAfterMax=3&requestTimeout=10000";

    @Autowired
    ProducerTemplate producer;

    private static String gigachat() {
        return "kamelet:gigachat-image-action?authKey=RAW(" + GigaChatStub.AUTH_KEY + ")&clientId=" + GigaChatStub.CLIENT_ID
                + "&oauthUrl=RAW(" + GigaChatStub.httpsUrl(GigaChatStub.OAUTH_PATH) + ")&baseUrl=RAW("
                + GigaChatStub.httpsUrl("/api/v1") + ")&caBundle=RAW(" + TestCertificates.caBundle() + ")" + RETRIES;
    }

    private static String yandexart() {
        return "kamelet:yandexart-image-action?folderId=" + YandexStub.FOLDER_ID + "&apiKey=RAW(" + YandexStub.API_KEY
                + ")&baseUrl=RAW(" + YandexStub.url("") + ")&operationsUrl=RAW(" + YandexStub.url(YandexStub.OPERATIONS_PATH)
                + ")&pollInterval=20ms&generationTimeout=5" + RETRIES;
    }

    private Exchange call(String uri, Object body, Map<String, Object> headers) {
        return producer.request(uri, exchange -> {
            exchange.getMessage().setBody(body);
            exchange.getMessage().setHeaders(new HashMap<>(headers));
        });
    }

    @Test
    void gigachatDrawsThePromptAsGivenAndAnswersTheImageWithEveryHeader() throws Exception {
        String fileId = UUID.randomUUID().toString();
        byte[] image = GigaChatStub.realImage();
        GigaChatStub.stubDrawing(fileId, image);
        int storedBefore = storedFiles();

        Exchange reply = call(gigachat(), "Маяк на рассвете, мультяшный стиль", Map.of(
                "ImageGenStyleInstructions", "крупный план", "ImageGenRequestId", "kamelet-req-1", "X-Host-Secret", "stays-home"));

        assertThat(reply.getException()).isNull();
        assertThat(reply.getMessage().getBody(byte[].class)).isEqualTo(image);
        assertThat(reply.getMessage().getHeaders()).containsEntry("ImageGenContentType", "image/jpeg")
                .containsEntry("ImageGenModelUsed", "gigachat-kandinsky-3.1-GigaChat-2")
                .containsEntry("ImageGenPromptSent", "Нарисуй Маяк на рассвете, мультяшный стиль")
                .containsEntry("ImageGenFileId", fileId)
                .containsEntry("ImageGenUsageTokens", 160L)
                .doesNotContainKeys("Authorization", "X-Host-Secret");
        assertThat(reply.getVariables()).isEmpty();

        LoggedRequest chat = GigaChatStub.server().findAll(postRequestedFor(urlEqualTo(GigaChatStub.CHAT_PATH))).get(0);
        JsonNode sent = JSON.readTree(chat.getBodyAsString());
        assertThat(sent.path("messages").path(1).path("content").asText()).isEqualTo("Нарисуй Маяк на рассвете, мультяшный стиль");
        assertThat(sent.path("messages").path(0).path("content").asText()).endsWith("\nкрупный план");
        assertThat(chat.getHeader("X-Request-ID")).isEqualTo("kamelet-req-1");
        assertThat(chat.getHeader("X-Client-ID")).isEqualTo(GigaChatStub.CLIENT_ID);
        assertThat(GigaChatStub.server().getAllServeEvents()).allSatisfy(event -> assertThat(event.getRequest().getHeaders().keys())
                .noneMatch(name -> name.toLowerCase().startsWith("imagegen") || name.equalsIgnoreCase("X-Host-Secret")));
        assertThat(GigaChatStub.downloads()).isEqualTo(1);
        assertThat(storedFiles()).isEqualTo(storedBefore);
    }

    @Test
    void gigachatResumesByFileIdWithOnlyTheDownload() {
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(get(GigaChatStub.contentPath(fileId)).willReturn(GigaChatStub.image(GigaChatStub.smallJpeg())));

        Exchange reply = call(gigachat(), "Маяк", Map.of("ImageGenFileId", fileId, "ImageGenUsageTokens", 160L));

        assertThat(reply.getException()).isNull();
        assertThat(reply.getMessage().getBody(byte[].class)).isEqualTo(GigaChatStub.smallJpeg());
        assertThat(reply.getMessage().getHeaders()).containsEntry("ImageGenFileId", fileId)
                .containsEntry("ImageGenContentType", "image/jpeg").containsEntry("ImageGenUsageTokens", 160L);
        assertThat(apiCalls()).extracting(event -> event.getRequest().getMethod().getName() + " " + event.getRequest().getUrl())
                .containsExactly("GET " + GigaChatStub.contentPath(fileId));
        assertThat(GigaChatStub.chatCalls()).isZero();
    }

    @Test
    void yandexartDrawsAndAnswersTheImageWithEveryHeader() throws Exception {
        String operation = "fbv-kamelet-" + UUID.randomUUID();
        byte[] image = GigaChatStub.realImage();
        YandexStub.stubDrawing(operation, 1, image);
        int storedBefore = storedFiles();

        Exchange reply = call(yandexart(), "Маяк на рассвете", Map.of(
                "ImageGenSeed", "42", "ImageGenWidthRatio", 2, "ImageGenHeightRatio", 1, "ImageGenRequestId", "kamelet-req-2"));

        assertThat(reply.getException()).isNull();
        assertThat(reply.getMessage().getBody(byte[].class)).isEqualTo(image);
        assertThat(reply.getMessage().getHeaders()).containsEntry("ImageGenContentType", "image/jpeg")
                .containsEntry("ImageGenModelUsed", "yandex-art")
                .containsEntry("ImageGenPromptSent", "Маяк на рассвете")
                .containsEntry("ImageGenOperationId", operation)
                .containsEntry("ImageGenSeed", "42").containsEntry("ImageGenWidthRatio", 2).containsEntry("ImageGenHeightRatio", 1);
        LoggedRequest start = YandexStub.server().findAll(postRequestedFor(urlEqualTo(YandexStub.START_PATH))).get(0);
        JsonNode sent = JSON.readTree(start.getBodyAsString());
        assertThat(sent.path("generationOptions").path("seed").asText()).isEqualTo("42");
        assertThat(sent.path("generationOptions").path("aspectRatio").path("widthRatio").asText()).isEqualTo("2");
        assertThat(sent.path("messages").path(0).path("text").asText()).isEqualTo("Маяк на рассвете");
        assertThat(start.getHeader("Authorization")).isEqualTo("Api-Key " + YandexStub.API_KEY);
        assertThat(start.getHeader("x-client-request-id")).isEqualTo("kamelet-req-2");
        assertThat(YandexStub.polls(operation)).isEqualTo(2);
        assertThat(storedFiles()).isEqualTo(storedBefore);
    }

    @Test
    void yandexartResumesByOperationIdWithOnlyPolls() {
        String operation = "fbv-resumed-" + UUID.randomUUID();
        YandexStub.stubPolls(operation, 1, YandexStub.done(operation, GigaChatStub.smallJpeg()));

        Exchange reply = call(yandexart(), "Маяк", Map.of("ImageGenOperationId", operation));

        assertThat(reply.getException()).isNull();
        assertThat(reply.getMessage().getBody(byte[].class)).isEqualTo(GigaChatStub.smallJpeg());
        assertThat(reply.getMessage().getHeaders()).containsEntry("ImageGenOperationId", operation);
        assertThat(YandexStub.starts()).isZero();
        assertThat(YandexStub.server().getAllServeEvents()).extracting(event -> event.getRequest().getMethod().getName()
                + " " + event.getRequest().getUrl()).containsOnly("GET " + YandexStub.operationPath(operation)).hasSize(2);
    }

    @Test
    void refusalsAreContentRefusedExceptions() {
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.chatReply("Не буду рисовать.", "stop")));
        YandexStub.stubStart(YandexStub.flatError(400, 3, YandexStub.REFUSAL));

        assertThat(call(gigachat(), "Что-то", Map.of()).getException()).isInstanceOf(ContentRefusedException.class)
                .hasMessageContaining("text instead of an image");
        assertThat(call(yandexart(), "Что-то", Map.of()).getException()).isInstanceOf(ContentRefusedException.class)
                .hasMessageContaining("terms of use");
        assertThat(GigaChatStub.downloads()).isZero();
        assertThat(YandexStub.allPolls()).isZero();
    }

    @Test
    void failuresAreProviderFailedExceptionsThatNameTheOperation() {
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.error(402, "Payment Required")));
        String operation = "fbv-failing-" + UUID.randomUUID();
        YandexStub.stubStart(YandexStub.operation(operation));
        YandexStub.stubPolls(operation, 0, YandexStub.failedOperation(operation, 13, "Internal error"));

        Exception gigachat = call(gigachat(), "Маяк", Map.of()).getException();
        Exchange yandexart = call(yandexart(), "Маяк", Map.of());

        assertThat(gigachat).isExactlyInstanceOf(ProviderFailedException.class).hasMessageContaining("HTTP 402");
        assertThat(GigaChatStub.chatCalls()).isEqualTo(1);
        assertThat(yandexart.getException()).isExactlyInstanceOf(ProviderFailedException.class).hasMessageContaining(operation);
        assertThat(yandexart.getMessage().getHeader("ImageGenOperationId")).as("kept to resume with").isEqualTo(operation);
    }

    @Test
    void a503OnEveryAttemptIsARetryableProviderFailureAfterTheRetries() {
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.error(503, "Service Unavailable")));
        YandexStub.stubStart(YandexStub.flatError(503, 14, "Service Unavailable"));

        Exception gigachat = call(gigachat(), "Маяк", Map.of()).getException();
        Exception yandexart = call(yandexart(), "Маяк", Map.of()).getException();

        assertThat(gigachat).isInstanceOf(RetryableProviderException.class).isInstanceOf(ProviderFailedException.class)
                .hasMessageContaining("GigaChat chat answered HTTP 503");
        assertThat(yandexart).isInstanceOf(RetryableProviderException.class).hasMessageContaining("YandexART start answered HTTP 503");
        assertThat(GigaChatStub.chatCalls()).as("1 + maxRetries").isEqualTo(3);
        assertThat(YandexStub.starts()).as("1 + maxRetries").isEqualTo(3);
    }

    @Test
    void withoutCredentialsBothAreUnavailable() {
        Exception gigachat = call("kamelet:gigachat-image-action?oauthUrl=RAW(" + GigaChatStub.httpsUrl(GigaChatStub.OAUTH_PATH)
                + ")", "Маяк", Map.of()).getException();
        Exception yandexart = call("kamelet:yandexart-image-action?folderId=" + YandexStub.FOLDER_ID, "Маяк", Map.of()).getException();

        assertThat(gigachat).isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("authKey");
        assertThat(yandexart).isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("apiKey");
        assertThat(GigaChatStub.server().getAllServeEvents()).isEmpty();
        assertThat(YandexStub.server().getAllServeEvents()).isEmpty();
    }

    @Test
    void theServiceLetsNoClientSteerItsKameletsWithImageGenHeaders() {
        String drawn = UUID.randomUUID().toString();
        String someoneElses = UUID.randomUUID().toString();
        GigaChatStub.stubDrawing(drawn, GigaChatStub.smallJpeg());
        GigaChatStub.server().stubFor(get(GigaChatStub.contentPath(someoneElses)).willReturn(GigaChatStub.image(GigaChatStub.smallJpeg())));
        yandexDraws();

        assertThat(generate("{\"prompt\": \"Маяк\"}", "ImageGenFileId", someoneElses).statusCode()).isEqualTo(200);
        assertThat(generate("{\"prompt\": \"Маяк\", \"provider\": \"yandex\"}", "ImageGenOperationId", "fbv-someone-elses")
                .statusCode()).isEqualTo(200);

        assertThat(GigaChatStub.chatCalls()).isEqualTo(1);
        assertThat(apiCalls()).extracting(event -> event.getRequest().getUrl()).doesNotContain(GigaChatStub.contentPath(someoneElses));
        assertThat(YandexStub.starts()).isEqualTo(1);
        assertThat(YandexStub.polls("fbv-someone-elses")).isZero();
    }

    /** The GigaChat API calls WireMock saw, the OAuth token fetches aside. */
    private static List<ServeEvent> apiCalls() {
        return GigaChatStub.server().getAllServeEvents().stream()
                .filter(event -> !event.getRequest().getUrl().equals(GigaChatStub.OAUTH_PATH)).toList();
    }
}
