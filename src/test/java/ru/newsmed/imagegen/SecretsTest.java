package ru.newsmed.imagegen;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import ru.newsmed.imagegen.support.DatabaseRows;
import ru.newsmed.imagegen.support.ProviderServiceTest;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.YandexStub;

/** No key, token or password in any log line, response or stored file, through success, 401 recovery and failures. */
@ExtendWith(OutputCaptureExtension.class)
class SecretsTest extends ProviderServiceTest {

    @Autowired
    CamelContext camel;

    @Autowired
    Environment environment;

    private static final String OLD_TOKEN = "eyJ-old-access-token-SECRET-41d9";
    private static final String NEW_TOKEN = "eyJ-new-access-token-SECRET-77c2";

    @Test
    void noKeyOrTokenReachesALogAResponseOrAFile(CapturedOutput output) throws IOException {
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubTwoTokens(OLD_TOKEN, NEW_TOKEN);
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).withHeader("Authorization", equalTo("Bearer " + OLD_TOKEN))
                .willReturn(GigaChatStub.error(401, "Token has expired")));
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).withHeader("Authorization", equalTo("Bearer " + NEW_TOKEN))
                .willReturn(GigaChatStub.drawn(fileId)));
        GigaChatStub.server().stubFor(get(GigaChatStub.contentPath(fileId)).willReturn(GigaChatStub.image(GigaChatStub.smallJpeg())));

        List<HttpResponse<String>> responses = new ArrayList<>();
        responses.add(generate("{\"prompt\": \"Маяк\"}"));
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.error(500, "Internal Server Error")));
        responses.add(generate("{\"prompt\": \"Маяк\"}"));
        GigaChatStub.server().stubFor(get(GigaChatStub.contentPath(fileId)).willReturn(GigaChatStub.error(403,
                "Access to file '" + fileId + "' is denied")));
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.drawn(fileId)));
        responses.add(generate("{\"prompt\": \"Маяк\"}"));
        tokenCache.clear();
        GigaChatStub.server().stubFor(post(GigaChatStub.OAUTH_PATH).willReturn(GigaChatStub.error(401, "x")
                .withBody("{\"code\":6,\"message\":\"credentials doesn't match db data\"}")));
        responses.add(generate("{\"prompt\": \"Маяк\"}"));

        assertThat(responses).extracting(HttpResponse::statusCode).containsExactly(200, 502, 502, 502);
        List<String> secrets = List.of(GigaChatStub.AUTH_KEY, OLD_TOKEN, NEW_TOKEN);
        for (HttpResponse<String> response : responses) {
            assertThat(response.body() + response.headers().map()).doesNotContain(secrets);
        }
        assertThat(output.getAll()).contains("Fetched a GigaChat access token").doesNotContain(secrets);
        try (Stream<Path> files = Files.walk(storage)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file))).doesNotContain(secrets);
            }
        }
    }

    @Test
    void neitherTheYandexKeyNorTheAdminTokenReachesALogOrAResponse(CapturedOutput output) {
        List<HttpResponse<String>> responses = new ArrayList<>();
        responses.add(changeRouting("{\"mode\": \"yandex\", \"fallback_enabled\": false}"));
        responses.add(postJson("/api/image-generation/admin/routing", "{}", "Authorization", "Bearer wrong-" + ADMIN_TOKEN));
        YandexStub.stubDrawing("fbv-secret-1", 1, GigaChatStub.smallJpeg());
        responses.add(generate("{\"prompt\": \"Маяк\"}"));
        YandexStub.stubStart(YandexStub.flatError(401, 16, "Unknown api key"));
        responses.add(generate("{\"prompt\": \"Маяк\"}"));

        assertThat(responses).extracting(HttpResponse::statusCode).containsExactly(200, 401, 200, 502);
        List<String> secrets = List.of(YandexStub.API_KEY, ADMIN_TOKEN);
        for (HttpResponse<String> response : responses) {
            assertThat(response.body() + response.headers().map()).doesNotContain(secrets);
        }
        assertThat(output.getAll()).contains("Routing changed at run time").doesNotContain(secrets);
    }

    @Test
    void theKeysInTheKameletUrisAreMaskedWhereverCamelShowsAnEndpoint(CapturedOutput output) {
        gigachatDraws();
        yandexDraws();
        assertThat(generate("{\"prompt\": \"Маяк\"}").statusCode()).isEqualTo(200);
        assertThat(generate("{\"prompt\": \"Маяк\", \"provider\": \"yandex\"}").statusCode()).isEqualTo(200);
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.error(500, "Internal Server Error")));
        assertThat(generate("{\"prompt\": \"Маяк\"}").statusCode()).isEqualTo(502);

        List<String> secrets = List.of(GigaChatStub.AUTH_KEY, YandexStub.API_KEY);
        // the service hands the keys to the Kamelets in their URIs: Camel must mask them wherever it shows one
        assertThat(camel.getEndpoints()).extracting(Endpoint::getEndpointUri)
                .anyMatch(uri -> uri.contains(GigaChatStub.AUTH_KEY)).anyMatch(uri -> uri.contains(YandexStub.API_KEY));
        assertThat(camel.getEndpoints()).extracting(Object::toString).allSatisfy(shown -> assertThat(shown).doesNotContain(secrets));
        assertThat(camel.getRoutes()).extracting(route -> route.getEndpoint().toString() + " " + route.getConsumer())
                .allSatisfy(shown -> assertThat(shown).doesNotContain(secrets));
        assertThat(httpGet("/actuator/prometheus").body()).contains("imagegen").doesNotContain(secrets);
        assertThat(httpGet("/actuator/health").body()).doesNotContain(secrets);
        assertThat(output.getAll()).contains("GigaChat chat answered HTTP 500").doesNotContain(secrets);
    }

    @Test
    void noKeyOrTokenReachesADatabaseRow() throws Exception {
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubTwoTokens(OLD_TOKEN, NEW_TOKEN);
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).withHeader("Authorization", equalTo("Bearer " + OLD_TOKEN))
                .willReturn(GigaChatStub.error(401, "Token has expired")));
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).withHeader("Authorization", equalTo("Bearer " + NEW_TOKEN))
                .willReturn(GigaChatStub.drawn(fileId)));
        GigaChatStub.server().stubFor(get(GigaChatStub.contentPath(fileId)).willReturn(GigaChatStub.image(GigaChatStub.smallJpeg())));
        yandexDraws();
        String key = "secrets-" + UUID.randomUUID();

        List<Integer> statuses = new ArrayList<>();
        statuses.add(generate("{\"prompt\": \"Маяк\"}", "Idempotency-Key", key).statusCode());
        statuses.add(generate("{\"prompt\": \"Маяк\"}", "Idempotency-Key", key).statusCode());
        statuses.add(generate("{\"prompt\": \"Маяк\", \"provider\": \"yandex\"}").statusCode());
        String jobId = json(postJson("/api/image-generation/jobs", "{\"prompt\": \"Маяк\"}", "Idempotency-Key", key)).path("job_id").asText();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                json(httpGet("/api/image-generation/jobs/" + jobId)).path("status").asText().equals("succeeded"));
        statuses.add(changeRouting("{\"fallback_enabled\": false}").statusCode());
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.error(500, "Internal Server Error")));
        statuses.add(generate("{\"prompt\": \"Маяк\"}").statusCode());

        assertThat(statuses).containsExactly(200, 200, 200, 200, 502);
        List<String> rows = DatabaseRows.of(environment);
        assertThat(rows).filteredOn(row -> row.startsWith("imagegen_work:")).hasSizeGreaterThanOrEqualTo(4);
        assertThat(rows).filteredOn(row -> row.startsWith("imagegen_routing:")).hasSize(1);
        assertThat(rows).allSatisfy(row -> assertThat(row).doesNotContain(GigaChatStub.AUTH_KEY, OLD_TOKEN, NEW_TOKEN,
                YandexStub.API_KEY, ADMIN_TOKEN, BROKER_PASSWORD));
    }

    @Test
    void theJmsPasswordReachesNoLog(CapturedOutput output) throws Exception {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + BROKER_PORT)) {
            try (Connection connection = factory.createConnection(BROKER_USER, BROKER_PASSWORD)) {
                connection.createSession(false, Session.AUTO_ACKNOWLEDGE).close();
            }
            assertThatThrownBy(() -> {
                try (Connection connection = factory.createConnection(BROKER_USER, "wrong-" + BROKER_PASSWORD)) {
                    connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                }
            }).isInstanceOf(JMSSecurityException.class);
        }

        assertThat(output.getAll()).contains("Unable to validate user").doesNotContain(BROKER_PASSWORD);
    }
}
