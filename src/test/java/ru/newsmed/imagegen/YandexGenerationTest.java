package ru.newsmed.imagegen;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.ProviderServiceTest;
import ru.newsmed.imagegen.support.YandexStub;

/** The YandexART flow end to end: start, several polls, decode; its refusals, errors, retries and limit. */
@ExtendWith(OutputCaptureExtension.class)
class YandexGenerationTest extends ProviderServiceTest {

    @Test
    void startsPollsAndStoresTheImageYandexArtMade() throws Exception {
        byte[] image = GigaChatStub.realImage();
        YandexStub.stubDrawing("fbv-happy-1", 3, image);

        HttpResponse<String> response = generate("""
                {"prompt": "Хирург в операционной, мультяшный стиль", "provider": "yandex",
                 "seed": "9223372036854775807", "width_ratio": 2, "height_ratio": 1}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("provider").asText()).isEqualTo("yandex");
        assertThat(body.path("model_used").asText()).isEqualTo("yandex-art");
        assertThat(body.path("fallback_used").asBoolean()).isFalse();
        String imageId = body.path("image_id").asText();
        assertThat(body.path("image_url").asText()).isEqualTo("http://localhost:8080/images/" + imageId + ".jpeg");
        assertThat(Files.readAllBytes(storage.resolve(imageId + ".jpeg"))).isEqualTo(image);
        assertThat(getBytes("/images/" + imageId + ".jpeg").body()).isEqualTo(image);
        JsonNode provenance = JSON.readTree(storage.resolve(imageId + ".json").toFile());
        assertThat(provenance.path("provider").asText()).isEqualTo("yandex");
        assertThat(provenance.path("model_used").asText()).isEqualTo("yandex-art");

        assertThat(YandexStub.starts()).isEqualTo(1);
        assertThat(YandexStub.polls("fbv-happy-1")).isEqualTo(4);
        LoggedRequest start = YandexStub.server().findAll(postRequestedFor(urlEqualTo(YandexStub.START_PATH))).get(0);
        assertThat(start.getHeader("Authorization")).isEqualTo("Api-Key " + YandexStub.API_KEY);
        assertThat(start.getHeaders().keys()).noneMatch(name -> name.toLowerCase().startsWith("camel"));
        JsonNode sent = JSON.readTree(start.getBodyAsString());
        assertThat(sent.path("modelUri").asText()).isEqualTo("art://" + YandexStub.FOLDER_ID + "/yandex-art/latest");
        JsonNode options = sent.path("generationOptions");
        assertThat(options.path("mimeType").asText()).isEqualTo("image/jpeg");
        assertThat(options.path("seed").isTextual()).isTrue();
        assertThat(options.path("seed").asText()).isEqualTo("9223372036854775807");
        assertThat(options.path("aspectRatio").path("widthRatio").asText()).isEqualTo("2");
        assertThat(options.path("aspectRatio").path("heightRatio").asText()).isEqualTo("1");
        assertThat(options.path("aspectRatio").path("widthRatio").isTextual()).isTrue();
        JsonNode message = sent.path("messages").path(0);
        assertThat(message.path("weight").asText()).isEqualTo("1");
        assertThat(message.path("text").asText()).startsWith("Хирург в операционной, стиль. фотореалистичное")
                .doesNotContain("мультяшный").hasSizeLessThanOrEqualTo(500);
        LoggedRequest poll = YandexStub.server().getAllServeEvents().stream()
                .map(event -> event.getRequest()).filter(request -> request.getUrl().startsWith("/operations/"))
                .findFirst().orElseThrow();
        assertThat(poll.getHeader("Authorization")).isEqualTo("Api-Key " + YandexStub.API_KEY);
        assertThat(poll.getMethod().getName()).isEqualTo("GET");
    }

    @Test
    void keepsTheTextWithin500CharactersCuttingTheEnrichmentFirstThenThePromptAtAWord(CapturedOutput output) throws Exception {
        YandexStub.stubDrawing("fbv-long-1", 0, GigaChatStub.smallJpeg());
        String prompt = ("слово ").repeat(150).strip();

        assertThat(generate("{\"prompt\": \"" + prompt + "\", \"provider\": \"yandex\"}").statusCode()).isEqualTo(200);

        String text = JSON.readTree(YandexStub.server().findAll(postRequestedFor(urlEqualTo(YandexStub.START_PATH)))
                .get(0).getBodyAsString()).path("messages").path(0).path("text").asText();
        assertThat(text).hasSizeLessThanOrEqualTo(500).endsWith("слово").doesNotContain("фотореалистичное");
        assertThat(text.split(" ")).allMatch("слово"::equals);
        assertThat(output.getAll()).contains("was cut to " + text.length() + " for YandexART's limit of 500");
    }

    @Test
    void sendsThePromptWithoutControlOrBidiCharacters() throws Exception {
        yandexDraws();

        generate("{\"prompt\": \"Аптека\\u001b]0;x\\u0007 ночью\\u0000\\u202e\", \"provider\": \"yandex\"}");

        String text = JSON.readTree(YandexStub.server().findAll(postRequestedFor(urlEqualTo(YandexStub.START_PATH)))
                .get(0).getBodyAsString()).path("messages").path(0).path("text").asText();
        assertThat(text).startsWith("Аптека]0;x ночью").doesNotContain("\u001b", "\u0007", "\u0000", "\u202e");
    }

    @Test
    void decodesAMultiMegabyteImage() throws Exception {
        byte[] image = new byte[2_500_000];
        new Random(7).nextBytes(image);
        image[0] = (byte) 0xFF;
        image[1] = (byte) 0xD8;
        image[2] = (byte) 0xFF;
        YandexStub.stubDrawing("fbv-big-1", 1, image);

        HttpResponse<String> response = generate("{\"prompt\": \"МРТ-аппарат\", \"provider\": \"yandex\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Files.readAllBytes(storage.resolve(json(response).path("image_id").asText() + ".jpeg"))).isEqualTo(image);
    }

    @Test
    void failsNamingTheOperationWhenItDoesNotFinishInTime() {
        YandexStub.stubStart(YandexStub.operation("fbv-slow-1"));
        YandexStub.stubPolls("fbv-slow-1", 0, YandexStub.pending("fbv-slow-1"));

        HttpResponse<String> response = generate("{\"prompt\": \"очень медленно\", \"provider\": \"yandex\"}");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("error").asText()).isEqualTo("provider_failed");
        assertThat(json(response).path("message").asText()).contains("fbv-slow-1").contains("YC_GENERATION_TIMEOUT");
        assertThat(YandexStub.polls("fbv-slow-1")).isGreaterThan(3);
    }

    @Test
    void refusalFromTheStartIsContentRefusedAndNeverRetried() {
        YandexStub.stubStart(YandexStub.flatError(400, 3, YandexStub.REFUSAL));

        HttpResponse<String> response = generate("{\"prompt\": \"запрещённое\", \"provider\": \"yandex\"}");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).path("error").asText()).isEqualTo("content_refused");
        assertThat(json(response).path("message").asText()).contains("terms of use");
        assertThat(YandexStub.starts()).isEqualTo(1);
    }

    @Test
    void refusalFromTheOperationIsContentRefused() {
        YandexStub.stubStart(YandexStub.operation("fbv-refused-1"));
        YandexStub.stubPolls("fbv-refused-1", 1, YandexStub.failedOperation("fbv-refused-1", 3, YandexStub.REFUSAL));

        HttpResponse<String> response = generate("{\"prompt\": \"запрещённое\", \"provider\": \"yandex\"}");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).path("error").asText()).isEqualTo("content_refused");
    }

    @Test
    void anOperationErrorIsAFailureWithItsMessage() {
        YandexStub.stubStart(YandexStub.operation("fbv-broken-1"));
        YandexStub.stubPolls("fbv-broken-1", 0, YandexStub.failedOperation("fbv-broken-1", 13, "Internal model error"));

        HttpResponse<String> response = generate("{\"prompt\": \"x\", \"provider\": \"yandex\"}");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("message").asText()).contains("fbv-broken-1").contains("Internal model error");
    }

    @Test
    void readsTheFlatErrorShape() {
        YandexStub.stubStart(YandexStub.flatError(400, 3, "Invalid model uri: art://wrong/yandex-art/latest"));

        HttpResponse<String> response = generate("{\"prompt\": \"x\", \"provider\": \"yandex\"}");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("message").asText())
                .isEqualTo("YandexART start answered HTTP 400: Invalid model uri: art://wrong/yandex-art/latest");
        assertThat(YandexStub.starts()).isEqualTo(1);
    }

    @Test
    void readsTheNestedErrorShapeAndNeverRetriesAForbidden() {
        YandexStub.stubStart(YandexStub.nestedError(403, 7, "Permission denied", "Forbidden"));

        HttpResponse<String> response = generate("{\"prompt\": \"x\", \"provider\": \"yandex\"}");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("message").asText()).contains("HTTP 403: Permission denied")
                .contains("ai.imageGeneration.user");
        assertThat(YandexStub.starts()).isEqualTo(1);
    }

    @Test
    void neverRetriesAnUnknownApiKey() {
        YandexStub.stubStart(YandexStub.flatError(401, 16, "Unknown api key"));

        assertThat(generate("{\"prompt\": \"x\", \"provider\": \"yandex\"}").statusCode()).isEqualTo(502);
        assertThat(YandexStub.starts()).isEqualTo(1);
    }

    @Test
    void quotesANonJsonErrorBodyAfterRetryingIt() {
        YandexStub.stubStart(aResponse().withStatus(503).withHeader("Content-Type", "text/html")
                .withBody("<html><body>Service Temporarily Unavailable</body></html>"));

        HttpResponse<String> response = generate("{\"prompt\": \"x\", \"provider\": \"yandex\"}");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("message").asText()).contains("HTTP 503").contains("Service Temporarily Unavailable");
        assertThat(YandexStub.starts()).isEqualTo(3);
    }

    @Test
    void retriesA429StartHonouringRetryAfter() {
        YandexStub.server().stubFor(post(YandexStub.START_PATH).inScenario("quota").whenScenarioStateIs(STARTED)
                .willReturn(YandexStub.nestedError(429, 8, "Too many requests", "Too Many Requests")
                        .withHeader("Retry-After", "1"))
                .willSetStateTo("free"));
        YandexStub.server().stubFor(post(YandexStub.START_PATH).inScenario("quota").whenScenarioStateIs("free")
                .willReturn(YandexStub.operation("fbv-429-1")));
        YandexStub.stubPolls("fbv-429-1", 0, YandexStub.done("fbv-429-1", GigaChatStub.smallJpeg()));

        long started = System.nanoTime();
        HttpResponse<String> response = generate("{\"prompt\": \"x\", \"provider\": \"yandex\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(YandexStub.starts()).isEqualTo(2);
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void retriesAFailedPollAndCarriesOn() {
        YandexStub.stubStart(YandexStub.operation("fbv-poll-1"));
        YandexStub.stubPolls("fbv-poll-1", 1, YandexStub.nestedError(504, 4, "Gateway timeout", "Gateway Timeout"));
        YandexStub.server().stubFor(get(YandexStub.operationPath("fbv-poll-1"))
                .inScenario("operation-fbv-poll-1").whenScenarioStateIs("poll-1")
                .willReturn(YandexStub.nestedError(504, 4, "Gateway timeout", "Gateway Timeout"))
                .willSetStateTo("recovered"));
        YandexStub.server().stubFor(get(YandexStub.operationPath("fbv-poll-1"))
                .inScenario("operation-fbv-poll-1").whenScenarioStateIs("recovered")
                .willReturn(YandexStub.done("fbv-poll-1", GigaChatStub.smallJpeg())));

        HttpResponse<String> response = generate("{\"prompt\": \"x\", \"provider\": \"yandex\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(YandexStub.polls("fbv-poll-1")).isEqualTo(3);
    }

    @Test
    void retriesAPollAnsweredWithSomethingThatIsNotJson() {
        YandexStub.stubStart(YandexStub.operation("fbv-garbled-1"));
        YandexStub.server().stubFor(get(YandexStub.operationPath("fbv-garbled-1")).inScenario("garbled")
                .whenScenarioStateIs(STARTED).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json").withBody("<html><body>Bad gateway</body></html>"))
                .willSetStateTo("recovered"));
        YandexStub.server().stubFor(get(YandexStub.operationPath("fbv-garbled-1")).inScenario("garbled")
                .whenScenarioStateIs("recovered").willReturn(YandexStub.done("fbv-garbled-1", GigaChatStub.smallJpeg())));

        HttpResponse<String> response = generate("{\"prompt\": \"x\", \"provider\": \"yandex\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(YandexStub.starts()).isEqualTo(1);
        assertThat(YandexStub.polls("fbv-garbled-1")).isEqualTo(2);
    }

    @Test
    void rejectsAnOperationIdThatIsNotAPlainToken() {
        YandexStub.stubStart(YandexStub.operation("../../etc/passwd"));

        HttpResponse<String> response = generate("{\"prompt\": \"x\", \"provider\": \"yandex\"}");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(YandexStub.allPolls()).isZero();
    }

    @Test
    void aDoneOperationWithoutAnImageIsAFailure() {
        int storedBefore = storedFiles();
        YandexStub.stubStart(YandexStub.operation("fbv-empty-1"));
        YandexStub.stubPolls("fbv-empty-1", 0, aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"fbv-empty-1\",\"done\":true,\"response\":{\"modelVersion\":\"\"}}"));

        HttpResponse<String> response = generate("{\"prompt\": \"x\", \"provider\": \"yandex\"}");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("message").asText()).contains("without an image");
        assertThat(storedFiles()).isEqualTo(storedBefore);
    }

    @Test
    void holdsAtMostYcMaxConcurrentOperationsInFlight() throws Exception {
        YandexStub.stubStart(YandexStub.operation("fbv-busy-1").withFixedDelay(250));
        YandexStub.stubPolls("fbv-busy-1", 0, YandexStub.done("fbv-busy-1", GigaChatStub.smallJpeg()));

        List<HttpResponse<String>> responses = concurrently(10, "{\"prompt\": \"x\", \"provider\": \"yandex\"}");

        assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(200));
        assertThat(YandexStub.startsInFlight().peak()).as("YC_MAX_CONCURRENT=4").isEqualTo(4);
    }

    @Test
    void answers503WhenNoOperationSlotFreesWithinTheQueueTimeout() throws Exception {
        YandexStub.stubStart(YandexStub.operation("fbv-full-1"));
        YandexStub.stubPolls("fbv-full-1", 0, YandexStub.done("fbv-full-1", GigaChatStub.smallJpeg()).withFixedDelay(4000));

        List<HttpResponse<String>> responses = concurrently(5, "{\"prompt\": \"x\", \"provider\": \"yandex\"}");

        assertThat(responses).filteredOn(response -> response.statusCode() == 200).hasSize(4);
        HttpResponse<String> refused = responses.stream().filter(response -> response.statusCode() != 200).findFirst().orElseThrow();
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(json(refused).path("message").asText()).contains("YandexART").contains("queue timeout");
        assertThat(YandexStub.starts()).isEqualTo(4);
    }
}
