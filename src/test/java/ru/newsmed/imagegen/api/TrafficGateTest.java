package ru.newsmed.imagegen.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Requests that come before the routes are up get the contract's 503, not a 404; Actuator passes. */
class TrafficGateTest {

    private final DefaultCamelContext notStarted = new DefaultCamelContext();
    private final TrafficGate gate = new TrafficGate(notStarted, new ShutdownGate("30"), new RequestsInFlight(10), new ObjectMapper());

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
    void letsActuatorThrough() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        gate.doFilter(new MockHttpServletRequest("GET", "/actuator/health/readiness"), response, chain);

        assertThat(chain.getRequest()).isNotNull();
    }
}
