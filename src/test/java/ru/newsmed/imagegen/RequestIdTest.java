package ru.newsmed.imagegen;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jms.core.JmsTemplate;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.ProviderServiceTest;
import ru.newsmed.imagegen.support.YandexStub;

/** A request id followed from the request to the providers' journals, the logs and the answers. */
@ExtendWith(OutputCaptureExtension.class)
class RequestIdTest extends ProviderServiceTest {

    @Autowired
    JmsTemplate jms;

    @Test
    void followsTheCallersIdToGigaChatTheLogAndTheResponse(CapturedOutput output) {
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubDrawing(fileId, GigaChatStub.smallJpeg());
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).inScenario("busy").whenScenarioStateIs(STARTED)
                .willReturn(GigaChatStub.error(503, "Service Unavailable")).willSetStateTo("free"));
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).inScenario("busy").whenScenarioStateIs("free")
                .willReturn(GigaChatStub.drawn(fileId)));

        HttpResponse<String> response = generate("{\"prompt\": \"x\"}", "X-Request-ID", "trace-abc-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-ID")).hasValue("trace-abc-1");
        for (LoggedRequest call : GigaChatStub.server().findAll(postRequestedFor(urlEqualTo(GigaChatStub.CHAT_PATH)))) {
            assertThat(call.getHeader("X-Request-ID")).isEqualTo("trace-abc-1");
        }
        assertThat(GigaChatStub.server().findAll(getRequestedFor(urlPathMatching("/api/v1/files/.*"))).get(0)
                .getHeader("X-Request-ID")).isEqualTo("trace-abc-1");
        assertThat(output.getAll().lines().filter(line -> line.contains("GigaChat chat answered HTTP 503")))
                .isNotEmpty().allMatch(line -> line.contains("[trace-abc-1]"));
        assertThat(output.getAll().lines().filter(line -> line.contains("Fetched a GigaChat access token")))
                .isNotEmpty().allMatch(line -> line.contains("[trace-abc-1]"));
    }

    @Test
    void makesAnIdWhenNoneIsGivenAndPassesItToYandexArt() {
        yandexDraws();

        HttpResponse<String> response = generate("{\"prompt\": \"x\", \"provider\": \"yandex\"}");

        String id = response.headers().firstValue("X-Request-ID").orElseThrow();
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(YandexStub.server().findAll(postRequestedFor(urlEqualTo(YandexStub.START_PATH))).get(0)
                .getHeader("x-client-request-id")).isEqualTo(id);
        assertThat(YandexStub.server().findAll(getRequestedFor(urlPathMatching("/operations/.*"))).get(0)
                .getHeader("x-client-request-id")).isEqualTo(id);
    }

    @Test
    void writesTheIdIntoJmsResults() throws Exception {
        gigachatDraws();

        TextMessage reply = (TextMessage) jms.sendAndReceive("image.generate.request",
                session -> session.createTextMessage("{\"prompt\": \"x\"}"));

        String id = JSON.readTree(reply.getText()).path("request_id").asText();
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(GigaChatStub.server().findAll(postRequestedFor(urlEqualTo(GigaChatStub.CHAT_PATH))).get(0)
                .getHeader("X-Request-ID")).isEqualTo(id);
    }
}
