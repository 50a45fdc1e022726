package ru.newsmed.imagegen.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/**
 * WireMock standing in for GigaChat (OAuth and the API) over HTTPS with a certificate the JVM does
 * not trust. One server per test JVM; tests reset it and stub what they need.
 */
public final class GigaChatStub {

    public static final String OAUTH_PATH = "/api/v2/oauth";
    public static final String CHAT_PATH = "/api/v1/chat/completions";
    public static final String AUTH_KEY = "dGVzdC1jbGllbnQtaWQ6dGVzdC1zZWNyZXQtU0VDUkVU";
    public static final String CLIENT_ID = "test-client-id-7";

    private static WireMockServer server;
    private static InFlightCounter inFlight;
    private static final String REAL_IMAGE = "/images/yandexart-real-1024.jpg";
    private static byte[] realImage;

    private GigaChatStub() {
    }

    public static synchronized WireMockServer server() {
        if (server == null) {
            inFlight = new InFlightCounter("gigachat-in-flight", "/api/v1/");
            server = new WireMockServer(options()
                    .dynamicPort()
                    .dynamicHttpsPort()
                    .keystorePath(TestCertificates.keystore().toString())
                    .keystorePassword(TestCertificates.PASSWORD)
                    .keyManagerPassword(TestCertificates.PASSWORD)
                    .keystoreType("PKCS12")
                    .containerThreads(200)
                    .jettyAcceptors(2)
                    .notifier(new ConsoleNotifier(false))
                    .extensions(inFlight));
            server.start();
        }
        return server;
    }

    public static InFlightCounter inFlight() {
        server();
        return inFlight;
    }

    public static String httpsUrl(String path) {
        return "https://localhost:" + server().httpsPort() + path;
    }

    /** The real 1.6 MB YandexART JPEG (src/test/resources/images, see its README): production-sized bytes. */
    public static synchronized byte[] realImage() {
        if (realImage == null) {
            try (InputStream image = GigaChatStub.class.getResourceAsStream(REAL_IMAGE)) {
                if (image == null) {
                    throw new IllegalStateException("The test image " + REAL_IMAGE + " is not on the test classpath");
                }
                realImage = image.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return realImage;
    }

    /** A tiny JPEG-headed file, for tests about timing and counts rather than bytes. */
    public static byte[] smallJpeg() {
        return new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, (byte) 0xFF, (byte) 0xD9};
    }

    // --- OAuth

    public static ResponseDefinitionBuilder token(String value, long expiresAt) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"" + value + "\",\"expires_at\":" + expiresAt + "}");
    }

    public static long inMillis(Duration fromNow) {
        return Instant.now().plus(fromNow).toEpochMilli();
    }

    /** Every OAuth call gets a new token valid for 30 minutes (expires_at in milliseconds). */
    public static void stubFreshTokens() {
        server().stubFor(post(OAUTH_PATH).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"tok-{{randomValue length=32 type='ALPHANUMERIC'}}\","
                        + "\"expires_at\":{{now offset='30 minutes' format='epoch'}} }")
                .withTransformers("response-template")));
    }

    /** The first OAuth call gets {@code first}, every later one {@code second} (both valid 30 minutes). */
    public static void stubTwoTokens(String first, String second) {
        long later = inMillis(Duration.ofMinutes(30));
        server().stubFor(post(OAUTH_PATH).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(token(first, later)).willSetStateTo("renewed"));
        server().stubFor(post(OAUTH_PATH).inScenario("tokens").whenScenarioStateIs("renewed")
                .willReturn(token(second, later)));
    }

    public static int tokenFetches() {
        return server().countRequestsMatching(postRequestedFor(urlEqualTo(OAUTH_PATH)).build()).getCount();
    }

    // --- chat

    public static ResponseDefinitionBuilder chatReply(String content, String finishReason) {
        String escaped = content.replace("\\", "\\\\").replace("\"", "\\\"");
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"choices\":[{\"message\":{\"content\":\"" + escaped + "\",\"role\":\"assistant\","
                        + "\"functions_state_id\":\"" + UUID.randomUUID() + "\"},\"index\":0,\"finish_reason\":\""
                        + finishReason + "\"}],\"created\":1732000000,\"model\":\"GigaChat:2.0.28.2\","
                        + "\"object\":\"chat.completion\",\"usage\":{\"prompt_tokens\":120,\"completion_tokens\":40,"
                        + "\"total_tokens\":160}}");
    }

    public static ResponseDefinitionBuilder drawn(String fileId) {
        return chatReply("<img src=\"" + fileId + "\" fuse=\"true\"/> Нарисовал по вашему запросу.", "stop");
    }

    public static ResponseDefinitionBuilder error(int status, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"status\":" + status + ",\"message\":\"" + message + "\"}");
    }

    public static int chatCalls() {
        return server().countRequestsMatching(postRequestedFor(urlEqualTo(CHAT_PATH)).build()).getCount();
    }

    /** A chat whose prompt holds {@code marker} draws {@code fileId}. */
    public static void stubChatFor(String marker, String fileId) {
        server().stubFor(post(CHAT_PATH).withRequestBody(containing(marker)).willReturn(drawn(fileId)));
    }

    /** The chats whose prompt held {@code marker}. */
    public static int chatsFor(String marker) {
        return server().countRequestsMatching(postRequestedFor(urlEqualTo(CHAT_PATH))
                .withRequestBody(containing(marker)).build()).getCount();
    }

    // --- download

    public static String contentPath(String fileId) {
        return "/api/v1/files/" + fileId + "/content";
    }

    public static ResponseDefinitionBuilder image(byte[] bytes) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/octet-stream").withBody(bytes);
    }

    public static int downloads() {
        return server().countRequestsMatching(getRequestedFor(urlPathMatching("/api/v1/files/.*")).build()).getCount();
    }

    /** The downloads of {@code fileId}. */
    public static int downloads(String fileId) {
        return server().countRequestsMatching(getRequestedFor(urlEqualTo(contentPath(fileId))).build()).getCount();
    }

    /** The download of {@code fileId} answers {@code bytes} after {@code delay} from now on. */
    public static void stubDownload(String fileId, byte[] bytes, Duration delay) {
        server().stubFor(get(contentPath(fileId)).willReturn(image(bytes).withFixedDelay((int) delay.toMillis())));
    }

    /** The whole happy path: fresh tokens, a chat that draws {@code fileId}, its download. */
    public static void stubDrawing(String fileId, byte[] bytes) {
        stubFreshTokens();
        server().stubFor(post(CHAT_PATH).willReturn(drawn(fileId)));
        server().stubFor(get(contentPath(fileId)).willReturn(image(bytes)));
    }
}
