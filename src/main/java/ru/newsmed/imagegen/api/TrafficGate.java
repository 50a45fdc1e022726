package ru.newsmed.imagegen.api;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.CamelContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 provider_unavailable, in the contract's shape, to API and image requests that come
 * before the Camel routes are up (Tomcat listens a moment earlier) or after shutdown has begun,
 * instead of a 404 or a cut connection. Actuator's endpoints are left alone.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class TrafficGate extends OncePerRequestFilter {

    private final CamelContext camelContext;
    private final ShutdownGate shutdown;
    private final ObjectMapper objectMapper;

    public TrafficGate(CamelContext camelContext, ShutdownGate shutdown, ObjectMapper objectMapper) {
        this.camelContext = camelContext;
        this.shutdown = shutdown;
        this.objectMapper = objectMapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/actuator");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String refusal = shutdown.closing() ? "The service is shutting down; try another instance"
                : !camelContext.getStatus().isStarted() ? "The service is starting; try again in a moment" : null;
        if (refusal == null) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(ErrorCode.PROVIDER_UNAVAILABLE.status());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader("Retry-After", "1");
        objectMapper.writeValue(response.getOutputStream(),
                ApiResponses.errorBody(ErrorCode.PROVIDER_UNAVAILABLE, refusal, null));
    }
}
