package ru.newsmed.imagegen.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import ru.newsmed.imagegen.gigachat.GigaChatSettings;
import ru.newsmed.imagegen.ops.ClosedHealth;
import ru.newsmed.imagegen.yandex.YandexSettings;

import ru.newsmed.imagegen.api.ShutdownGate;

/**
 * Requests that come before the routes are up get the contract's 503, not a 404, and /health its
 * own shape with status DOWN; Actuator passes.
 */
class TrafficGateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEALTH = "/api/image-generation/health";

    private final DefaultCamelContext notStarted = new DefaultCamelContext();
    private final ClosedHealth closedHealth = new ClosedHealth(
            new GigaChatSettings("key", null, null, 1, null),
            new YandexSettings(null, null, null, 1, null), "file");
    private final TrafficGate gate = gate(notStarted, new ShutdownGate("30"));

    @Test
    void answers503WhileTheRoutesAreNotUp() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        gate.doFilter(new MockHttpServletRequest("POST", "/api/image-generation/generate"), response, chain);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentAsString()).contains("\"error\":\"provider_unavailable\"").contains("starting");
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void healthAnswers503InItsOwnShapeWhileTheRoutesAreNotUp() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        gate.doFilter(new MockHttpServletRequest("GET", HEALTH), response, chain);

        assertClosedHealth(response);
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void healthAnswers503InItsOwnShapeOnceShutdownHasBegun() throws Exception {
        try (DefaultCamelContext started = new DefaultCamelContext()) {
            started.start();
            ShutdownGate shutdown = new ShutdownGate("30");
            TrafficGate open = gate(started, shutdown);
            MockFilterChain before = new MockFilterChain();
            open.doFilter(new MockHttpServletRequest("GET", HEALTH), new MockHttpServletResponse(), before);
            shutdown.onApplicationEvent(new ContextClosedEvent(new GenericApplicationContext()));
            MockHttpServletResponse response = new MockHttpServletResponse();
            MockFilterChain after = new MockFilterChain();

            open.doFilter(new MockHttpServletRequest("GET", HEALTH), response, after);

            assertThat(before.getRequest()).as("admitted while running").isNotNull();
            assertClosedHealth(response);
            assertThat(after.getRequest()).isNull();
        }
    }

    @Test
    void letsActuatorThrough() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        gate.doFilter(new MockHttpServletRequest("GET", "/actuator/health/readiness"), response, chain);

        assertThat(chain.getRequest()).isNotNull();
    }

    private TrafficGate gate(DefaultCamelContext camelContext, ShutdownGate shutdown) {
        return new TrafficGate(camelContext, shutdown, new RequestsInFlight(10), JSON, closedHealth);
    }

    private static void assertClosedHealth(MockHttpServletResponse response) throws Exception {
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).startsWith("application/json");
        JsonNode body = JSON.readTree(response.getContentAsByteArray());
        assertThat(body.path("status").asText()).isEqualTo("DOWN");
        assertThat(body.has("error")).as("not the error body").isFalse();
        assertThat(body.has("success")).as("not the error body").isFalse();
        assertThat(body.at("/providers/gigachat/configured").asBoolean()).isTrue();
        assertThat(body.at("/providers/gigachat/status").asText()).isEqualTo("DOWN");
        assertThat(body.at("/providers/yandex/status").asText()).isEqualTo("NOT_CONFIGURED");
        assertThat(body.at("/storage/type").asText()).isEqualTo("file");
        assertThat(body.at("/storage/status").asText()).isEqualTo("DOWN");
    }
}
