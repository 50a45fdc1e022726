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

import java.util.Base64;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/**
 * WireMock standing in for YandexART: the asynchronous start and the operations it is polled
 * through. One server per test JVM, plain HTTP; tests reset it and stub what they need.
 */
public final class YandexStub {

    public static final String START_PATH = "/foundationModels/v1/imageGenerationAsync";
    public static final String OPERATIONS_PATH = "/operations";
    public static final String FOLDER_ID = "b1gtestfolder42";
    public static final String API_KEY = "AQVN-test-yandex-api-key-SECRET";
    public static final String REFUSAL = "it is not possible to generate an image from this request because it may "
            + "violate the terms of use";

    private static WireMockServer server;
    private static InFlightCounter startsInFlight;

    private YandexStub() {
    }

    public static synchronized WireMockServer server() {
        if (server == null) {
            startsInFlight = new InFlightCounter("yandex-starts-in-flight", START_PATH);
            server = new WireMockServer(options().dynamicPort().containerThreads(100).jettyAcceptors(2)
                    .notifier(new ConsoleNotifier(false)).extensions(startsInFlight));
            server.start();
        }
        return server;
    }

    /** The start calls being served at once (and their peak). */
    public static InFlightCounter startsInFlight() {
        server();
        return startsInFlight;
    }

    public static String url(String path) {
        return "http://localhost:" + server().port() + path;
    }

    public static String operationPath(String id) {
        return OPERATIONS_PATH + "/" + id;
    }

    // --- start

    public static ResponseDefinitionBuilder operation(String id) {
        return json(200, "{\"id\":\"" + id + "\",\"description\":\"\",\"createdAt\":null,\"createdBy\":\"\","
                + "\"modifiedAt\":null,\"done\":false,\"metadata\":null}");
    }

    public static void stubStart(ResponseDefinitionBuilder reply) {
        server().stubFor(post(START_PATH).willReturn(reply));
    }

    public static int starts() {
        return server().countRequestsMatching(postRequestedFor(urlEqualTo(START_PATH)).build()).getCount();
    }

    /** A start whose prompt holds {@code marker} gets operation {@code id}. */
    public static void stubStartFor(String marker, String id) {
        server().stubFor(post(START_PATH).withRequestBody(containing(marker)).willReturn(operation(id)));
    }

    /** The starts whose prompt held {@code marker}. */
    public static int startsFor(String marker) {
        return server().countRequestsMatching(postRequestedFor(urlEqualTo(START_PATH))
                .withRequestBody(containing(marker)).build()).getCount();
    }

    // --- operations

    public static ResponseDefinitionBuilder pending(String id) {
        return json(200, "{\"id\":\"" + id + "\",\"done\":false}");
    }

    public static ResponseDefinitionBuilder done(String id, byte[] image) {
        return json(200, "{\"id\":\"" + id + "\",\"done\":true,\"response\":{\"@type\":"
                + "\"type.googleapis.com/yandex.cloud.ai.foundation_models.v1.image_generation.ImageGenerationResponse\","
                + "\"image\":\"" + Base64.getEncoder().encodeToString(image) + "\",\"modelVersion\":\"\"}}");
    }

    public static ResponseDefinitionBuilder failedOperation(String id, int code, String message) {
        return json(200, "{\"id\":\"" + id + "\",\"done\":true,\"error\":{\"code\":" + code + ",\"message\":\""
                + message + "\",\"details\":[]}}");
    }

    /** The operation answers {@code pendingPolls} times "not done", then {@code last}. */
    public static void stubPolls(String id, int pendingPolls, ResponseDefinitionBuilder last) {
        String scenario = "operation-" + id;
        for (int i = 0; i < pendingPolls; i++) {
            server().stubFor(get(operationPath(id)).inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "poll-" + i)
                    .willReturn(pending(id)).willSetStateTo("poll-" + (i + 1)));
        }
        server().stubFor(get(operationPath(id)).inScenario(scenario)
                .whenScenarioStateIs(pendingPolls == 0 ? Scenario.STARTED : "poll-" + pendingPolls)
                .willReturn(last));
    }

    /** The whole happy path: the start gives operation {@code id}, done after {@code pendingPolls} polls. */
    public static void stubDrawing(String id, int pendingPolls, byte[] image) {
        stubStart(operation(id));
        stubPolls(id, pendingPolls, done(id, image));
    }

    /** Every poll of operation {@code id} gets {@code reply} from now on. */
    public static void stubPoll(String id, ResponseDefinitionBuilder reply) {
        server().stubFor(get(operationPath(id)).willReturn(reply));
    }

    public static int polls(String id) {
        return server().countRequestsMatching(getRequestedFor(urlEqualTo(operationPath(id))).build()).getCount();
    }

    public static int allPolls() {
        return server().countRequestsMatching(getRequestedFor(urlPathMatching(OPERATIONS_PATH + "/.*")).build()).getCount();
    }

    // --- errors, in both of YandexART's shapes

    public static ResponseDefinitionBuilder flatError(int status, int code, String message) {
        return json(status, "{\"error\":\"" + message + "\",\"code\":" + code + ",\"message\":\"" + message
                + "\",\"details\":[]}");
    }

    public static ResponseDefinitionBuilder nestedError(int status, int grpcCode, String message, String httpStatus) {
        return json(status, "{\"error\":{\"grpcCode\":" + grpcCode + ",\"httpCode\":" + status + ",\"message\":\""
                + message + "\",\"httpStatus\":\"" + httpStatus + "\",\"details\":[]}}");
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
