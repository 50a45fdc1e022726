package ru.newsmed.imagegen;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.ProviderServiceTest;
import ru.newsmed.imagegen.support.YandexStub;

/** The routing modes, the rollout and a request's own provider, and both mode's comparison. */
@ExtendWith(OutputCaptureExtension.class)
class RoutingTest extends ProviderServiceTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void gigachatModeAtFullRolloutSendsEveryRequestToGigaChat() throws Exception {
        gigachatDraws();
        yandexDraws();

        assertThat(providersOf(ids("full", 10))).containsOnly("gigachat");
        assertThat(YandexStub.starts()).isZero();
    }

    @Test
    void yandexModeSendsEveryRequestToYandexArt() throws Exception {
        gigachatDraws();
        yandexDraws();
        assertThat(changeRouting("{\"mode\": \"yandex\"}").statusCode()).isEqualTo(200);

        List<String> providers = providersOf(ids("yandex-mode", 5));

        assertThat(providers).containsOnly("yandex");
        assertThat(GigaChatStub.chatCalls()).isZero();
    }

    @Test
    void rolloutZeroSendsEveryRequestToYandexArt() throws Exception {
        gigachatDraws();
        yandexDraws();
        changeRouting("{\"rollout_percent\": 0}");

        assertThat(providersOf(ids("zero", 10))).containsOnly("yandex");
        assertThat(GigaChatStub.chatCalls()).isZero();
    }

    @Test
    void rolloutFiftySplitsRequestsByTheirIdsTheSameWayEveryTime() throws Exception {
        gigachatDraws();
        yandexDraws();
        changeRouting("{\"rollout_percent\": 50}");
        List<String> ids = ids("half", 100);

        List<String> first = providersOf(ids);
        List<String> again = providersOf(ids.subList(0, 20));

        long toGigaChat = first.stream().filter("gigachat"::equals).count();
        assertThat(toGigaChat).isBetween(40L, 60L);
        assertThat(GigaChatStub.chatCalls()).isEqualTo((int) toGigaChat + (int) again.stream().filter("gigachat"::equals).count());
        assertThat(again).isEqualTo(first.subList(0, 20));
    }

    @Test
    void aRequestsOwnProviderBypassesTheModeAndTheRollout() throws Exception {
        gigachatDraws();
        yandexDraws();
        changeRouting("{\"mode\": \"gigachat\", \"rollout_percent\": 0}");

        assertThat(json(generate("{\"prompt\": \"x\", \"provider\": \"gigachat\"}")).path("provider").asText())
                .isEqualTo("gigachat");
        changeRouting("{\"mode\": \"yandex\"}");
        assertThat(json(generate("{\"prompt\": \"x\", \"provider\": \"gigachat\"}")).path("provider").asText())
                .isEqualTo("gigachat");
        changeRouting("{\"mode\": \"gigachat\", \"rollout_percent\": 100}");
        assertThat(json(generate("{\"prompt\": \"x\", \"provider\": \"yandex\"}")).path("provider").asText())
                .isEqualTo("yandex");
    }

    @Test
    void bothModeDrawsWithBothStoresBothAndAnswersGigaChatsImageWithTheComparison(CapturedOutput output) throws Exception {
        gigachatDraws();
        byte[] yandexImage = GigaChatStub.realImage();
        YandexStub.stubDrawing("fbv-both-1", 2, yandexImage);
        changeRouting("{\"mode\": \"both\"}");
        double comparisonsBefore = comparisons();

        HttpResponse<String> response = generate("{\"prompt\": \"Кардиолог и ЭКГ\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("provider").asText()).isEqualTo("gigachat");
        assertThat(body.path("model_used").asText()).isEqualTo("gigachat-kandinsky-3.1-GigaChat-2");
        assertThat(body.path("fallback_used").asBoolean()).isFalse();
        JsonNode gigachat = body.path("comparison").path("gigachat");
        JsonNode yandex = body.path("comparison").path("yandex");
        assertThat(gigachat.path("image_url").asText()).isEqualTo(body.path("image_url").asText());
        assertThat(gigachat.path("model_used").asText()).isEqualTo("gigachat-kandinsky-3.1-GigaChat-2");
        assertThat(gigachat.path("duration_ms").isIntegralNumber()).isTrue();
        assertThat(yandex.path("model_used").asText()).isEqualTo("yandex-art");
        assertThat(yandex.path("duration_ms").isIntegralNumber()).isTrue();
        String yandexName = yandex.path("image_url").asText().replace("http://localhost:8080/images/", "");
        assertThat(getBytes("/images/" + yandexName).body()).isEqualTo(yandexImage);
        assertThat(getBytes("/images/" + body.path("image_id").asText() + ".jpeg").body()).isEqualTo(GigaChatStub.smallJpeg());
        assertThat(storage.resolve(yandexName.replace(".jpeg", ".json"))).exists();
        assertThat(GigaChatStub.chatCalls()).isEqualTo(1);
        assertThat(YandexStub.starts()).isEqualTo(1);
        assertThat(comparisons()).isEqualTo(comparisonsBefore + 1);
        assertThat(output.getAll()).containsPattern("comparison gigachat success in \\d+ ms http://localhost:8080/images/"
                + body.path("image_id").asText() + "\\.jpeg; yandex success in \\d+ ms");
    }

    @Test
    void bothModeAnswersYandexArtsImageWhenGigaChatHasNone() {
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH)
                .willReturn(GigaChatStub.chatReply("Не могу нарисовать это.", "stop")));
        yandexDraws();

        HttpResponse<String> response = generate("{\"prompt\": \"x\", \"provider\": \"both\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("provider").asText()).isEqualTo("yandex");
        assertThat(body.path("model_used").asText()).isEqualTo("yandex-art");
        assertThat(body.path("fallback_used").asBoolean()).isTrue();
        assertThat(body.path("comparison").path("gigachat").path("error").asText()).isEqualTo("content_refused");
        assertThat(body.path("comparison").path("gigachat").path("message").asText()).contains("text instead of an image");
        assertThat(body.path("comparison").path("yandex").path("image_url").asText()).isEqualTo(body.path("image_url").asText());
    }

    @Test
    void bothModeWithNoImageAnswersAsTheContractSays() {
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.error(402, "Payment Required")));
        YandexStub.stubStart(YandexStub.flatError(400, 3, YandexStub.REFUSAL));
        int storedBefore = storedFiles();

        HttpResponse<String> response = generate("{\"prompt\": \"x\", \"provider\": \"both\"}");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("error").asText()).isEqualTo("provider_failed");
        assertThat(json(response).path("message").asText()).contains("GigaChat failed").contains("402")
                .contains("YandexART refused");
        assertThat(storedFiles()).isEqualTo(storedBefore);
    }

    private double comparisons() {
        var counter = meters.find("imagegen.comparisons").counter();
        return counter == null ? 0 : counter.count();
    }

    private static List<String> ids(String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(prefix + "-" + i);
        }
        return ids;
    }

    /** Sends one request per id (four at a time) and answers the provider of each, in order. */
    private List<String> providersOf(List<String> ids) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (String id : ids) {
                answers.add(clients.submit(() -> generate("{\"prompt\": \"Поликлиника\"}", "X-Request-ID", id)));
            }
            List<String> providers = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                providers.add(json(response).path("provider").asText());
            }
            return providers;
        } finally {
            clients.shutdownNow();
        }
    }
}
