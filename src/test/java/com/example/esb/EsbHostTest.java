package com.example.esb;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpComponent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import ru.newsmed.imagegen.db.ImagegenDatabase;
import ru.newsmed.imagegen.errors.RetryableProviderException;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.TestCertificates;
import ru.newsmed.imagegen.support.YandexStub;

/**
 * The bundle inside an existing ESB with nothing of ours turned on: the host draws through
 * direct:generate-image, and keeps its configuration, routes, error handler, REST path and beans.
 */
class EsbHostTest {

    private static ConfigurableApplicationContext host;
    private static Path storage;

    @BeforeAll
    static void startTheHost() {
        storage = EsbHost.storage();
        host = EsbHost.start(storage);
    }

    @AfterAll
    static void stopTheHost() {
        host.close();
    }

    @BeforeEach
    void resetProviders() {
        GigaChatStub.server().resetAll();
        YandexStub.server().resetAll();
    }

    @Test
    void drawsThroughDirectGenerateImageAndStoresTheImage() throws Exception {
        GigaChatStub.stubDrawing(UUID.randomUUID().toString(), GigaChatStub.smallJpeg());

        Exchange reply = producer().request("direct:generate-image",
                exchange -> exchange.getMessage().setBody("{\"prompt\": \"Врач осматривает пациента\"}"));

        assertThat(reply.getException()).isNull();
        Map<?, ?> body = reply.getMessage().getBody(Map.class);
        assertThat(body.get("success")).as("%s", body).isEqualTo(true);
        assertThat(body.get("provider")).isEqualTo("gigachat");
        // the host's own imagegen.* setting reached the flow
        assertThat(body.get("model_used")).isEqualTo("gigachat-kandinsky-3.1-GigaChat-2-Pro");
        assertThat(reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        String name = body.get("image_url").toString().replaceAll(".*/", "");
        assertThat(Files.size(storage.resolve(name))).isEqualTo(GigaChatStub.smallJpeg().length);
    }

    @Test
    void answersAFailureAsTheErrorMapNotThroughTheHostsDeadLetterChannel() {
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(GigaChatStub.CHAT_PATH)
                .willReturn(GigaChatStub.error(400, "bad request")));

        Exchange reply = producer().request("direct:generate-image",
                exchange -> exchange.getMessage().setBody("{\"prompt\": \"Врач осматривает пациента\", \"provider\": \"gigachat\"}"));

        Map<?, ?> body = reply.getMessage().getBody(Map.class);
        assertThat(body.get("success")).as("%s", body).isEqualTo(false);
        assertThat(reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(502);
        assertThat(deadLetters()).isEmpty();
    }

    /**
     * The host's http component keeps HttpClient's automatic retries (the default), which would
     * re-send a call answered 503 by itself: the Kamelets' calls go out without them, so each
     * provider sees exactly 1 + maxRetries calls, the Kamelets' own.
     */
    @Test
    void theKameletsRetryOnlyTheirOwnWayThoughTheHostsHttpClientWouldRetryByItself() {
        for (String scheme : List.of("http", "https")) {
            assertThat(camel().getComponent(scheme, HttpComponent.class).isAutomaticRetriesDisabled())
                    .as("the host's " + scheme + " component retries by itself").isFalse();
        }
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(GigaChatStub.CHAT_PATH)
                .willReturn(GigaChatStub.error(503, "Service Unavailable")));
        YandexStub.stubStart(YandexStub.flatError(503, 14, "Service Unavailable"));
        String retries = "&maxRetries=2&retryInitialDelay=20&retryMaxDelay=50&requestTimeout=10000";

        Exchange gigachat = producer().request("kamelet:gigachat-image-action?authKey=RAW(" + GigaChatStub.AUTH_KEY
                + ")&oauthUrl=RAW(" + GigaChatStub.httpsUrl(GigaChatStub.OAUTH_PATH) + ")&baseUrl=RAW("
                + GigaChatStub.httpsUrl("/api/v1") + ")&caBundle=RAW(" + TestCertificates.caBundle() + ")" + retries,
                exchange -> exchange.getMessage().setBody("Маяк"));
        Exchange yandexart = producer().request("kamelet:yandexart-image-action?folderId=" + YandexStub.FOLDER_ID
                + "&apiKey=RAW(" + YandexStub.API_KEY + ")&baseUrl=RAW(" + YandexStub.url("") + ")" + retries,
                exchange -> exchange.getMessage().setBody("Маяк"));

        assertThat(GigaChatStub.chatCalls()).as("1 + maxRetries").isEqualTo(3);
        assertThat(YandexStub.starts()).as("1 + maxRetries").isEqualTo(3);
        for (Exchange reply : List.of(gigachat, yandexart)) {
            Exception failure = reply.getException() != null ? reply.getException()
                    : reply.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            assertThat(failure).isInstanceOf(RetryableProviderException.class).hasMessageContaining("answered HTTP 503");
        }
        deadLetters().clear();
    }

    @Test
    void drawsWithTheGigaChatKameletFromARouteOfItsOwn() {
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubDrawing(fileId, GigaChatStub.smallJpeg());
        int stored = storedFiles();

        Exchange reply = producer().request("direct:esb-draw-with-gigachat",
                exchange -> exchange.getMessage().setBody("Хирург в операционной"));

        assertThat(reply.getException()).isNull();
        assertThat(reply.getMessage().getBody(byte[].class)).isEqualTo(GigaChatStub.smallJpeg());
        assertThat(reply.getMessage().getHeaders())
                .containsEntry("ImageGenContentType", "image/jpeg")
                .containsEntry("ImageGenFileId", fileId)
                .containsEntry("ImageGenModelUsed", "gigachat-kandinsky-3.1-GigaChat-2-Max");
        assertThat(storedFiles()).as("a Kamelet stores nothing").isEqualTo(stored);
    }

    @Test
    void drawsWithTheYandexArtKameletFromARouteOfItsOwn() {
        String operation = "fbv-esb-" + UUID.randomUUID();
        YandexStub.stubDrawing(operation, 1, GigaChatStub.smallJpeg());

        Exchange reply = producer().request("direct:esb-draw-with-yandexart",
                exchange -> exchange.getMessage().setBody("Аптека на углу"));

        assertThat(reply.getException()).isNull();
        assertThat(reply.getMessage().getBody(byte[].class)).isEqualTo(GigaChatStub.smallJpeg());
        assertThat(reply.getMessage().getHeaders())
                .containsEntry("ImageGenContentType", "image/jpeg")
                .containsEntry("ImageGenOperationId", operation);
    }

    @Test
    void aKameletsFailureGoesToTheHostsOwnErrorHandler() {
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(GigaChatStub.CHAT_PATH)
                .willReturn(GigaChatStub.error(402, "Payment required")));

        producer().request("direct:esb-draw-with-gigachat", exchange -> exchange.getMessage().setBody("Хирург"));

        assertThat(deadLetters()).hasSize(1).allSatisfy(message -> assertThat(message).contains("402"));
        deadLetters().clear();
    }

    @Test
    void aYandexArtKameletsFailureGoesToTheHostsOwnErrorHandlerToo() {
        YandexStub.stubStart(YandexStub.flatError(403, 7, "Permission denied"));

        producer().request("direct:esb-draw-with-yandexart", exchange -> exchange.getMessage().setBody("Аптека на углу"));

        assertThat(deadLetters()).hasSize(1).allSatisfy(message -> assertThat(message).contains("403"));
        deadLetters().clear();
    }

    /** The same for a GET answered 503 with Retry-After (HttpClient would wait it out and re-send by itself). */
    @Test
    void aDownloadAnswered503WithRetryAfterIsRetriedOnlyTheKameletsWay() {
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(GigaChatStub.CHAT_PATH)
                .willReturn(GigaChatStub.drawn(fileId)));
        GigaChatStub.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(GigaChatStub.contentPath(fileId))
                .willReturn(GigaChatStub.error(503, "busy").withHeader("Retry-After", "1")));

        producer().request("direct:esb-draw-with-gigachat", exchange -> exchange.getMessage().setBody("Хирург"));

        assertThat(GigaChatStub.server().countRequestsMatching(com.github.tomakehurst.wiremock.client.WireMock
                .getRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(GigaChatStub.contentPath(fileId)))
                .build()).getCount()).isEqualTo(3);
        assertThat(deadLetters()).hasSize(1);
        deadLetters().clear();
    }

    @Test
    void keepsItsOwnConfigurationRoutesAndBeans() {
        Environment environment = host.getEnvironment();
        assertThat(environment.getProperty("spring.application.name")).isEqualTo("esb-host");
        assertThat(camel().getName()).isEqualTo("esb-host");
        assertThat(camel().getRoute("esb-latest-order")).isNotNull();
        assertThat(host.getBean("storedImages")).isEqualTo("the host's own storedImages");
        assertThat(host.getBean("requestGuard")).isInstanceOf(EsbHostApplication.EsbOrders.class);
        // nothing of the service's own: no server settings, no routes of entries left off
        assertThat(environment.getProperty("server.shutdown")).isNull();
        assertThat(environment.getProperty("spring.threads.virtual.enabled")).isNull();
        assertThat(camel().getRoutes()).extracting(route -> route.getRouteId())
                .noneMatch(id -> id.startsWith("imagegen-rest") || id.equals("imagegen-inbox") || id.equals("imagegen-jms-generate"));
    }

    @Test
    void ourDatabaseIsAConnectionOfOurOwnNeverADataSourceOfTheHosts() throws Exception {
        assertThat(host.getBeansOfType(javax.sql.DataSource.class)).isEmpty();
        // Spring Boot's Flyway (it came with us) stays off for a host without migrations of its own
        assertThat(host.getEnvironment().getProperty("spring.flyway.enabled")).isEqualTo("false");
        ImagegenDatabase ours = host.getBean(ImagegenDatabase.class);
        assertThat(ours.type()).isEqualTo("h2");
        // migrated: our tables are there
        assertThat(ours.query("SELECT COUNT(*) AS n FROM imagegen_routing", row -> row.getInt("n"))).containsExactly(0);
    }

    @Test
    void itsOwnErrorHandlerHandlesItsOwnFailures() {
        producer().request("direct:esb-broken-order", exchange -> exchange.getMessage().setBody("order-7"));

        assertThat(deadLetters()).containsExactly("the host's own failure");
        deadLetters().clear();
    }

    @Test
    void itsRestPathAnswersAndOursIsOff() throws Exception {
        assertThat(get("/esb/orders/latest")).isEqualTo("200 confirmed order-42");
        assertThat(get("/esb/api/image-generation/health")).startsWith("404");
        assertThat(get("/api/image-generation/health")).startsWith("404");
    }

    private static int storedFiles() {
        String[] names = storage.toFile().list();
        return names == null ? 0 : names.length;
    }

    @SuppressWarnings("unchecked")
    private static List<String> deadLetters() {
        return (List<String>) host.getBean("deadLetters");
    }

    private static CamelContext camel() {
        return host.getBean(CamelContext.class);
    }

    private static ProducerTemplate producer() {
        return camel().createProducerTemplate();
    }

    static String get(String path) throws Exception {
        String port = host.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
