package ru.newsmed.imagegen.web;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import ru.newsmed.imagegen.errors.ErrorCode;
import ru.newsmed.imagegen.errors.ErrorResponses;
import ru.newsmed.imagegen.ops.ClosedHealth;

import ru.newsmed.imagegen.api.ShutdownGate;

/**
 * Admits API and image requests, or answers 503 provider_unavailable with {@code Retry-After: 1} in
 * the contract's shape: before the Camel routes are up (Tomcat listens a moment earlier), after
 * shutdown has begun (the connector keeps accepting while the drain runs), and for a POST past
 * {@code IMAGE_MAX_IN_FLIGHT}. {@code GET /health} before the routes are up and during shutdown
 * answers 503 in the health shape instead ({@code "status": "DOWN"}, {@link ClosedHealth}), as
 * readiness probes expect. Admitted requests are counted in flight until answered. Actuator's
 * endpoints are left alone.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class TrafficGate extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(TrafficGate.class);
    private static final String HEALTH = "/api/image-generation/health";

    private final CamelContext camelContext;
    private final ShutdownGate shutdown;
    private final RequestsInFlight inFlight;
    private final ObjectMapper objectMapper;
    private final ClosedHealth closedHealth;

    public TrafficGate(CamelContext camelContext, ShutdownGate shutdown, RequestsInFlight inFlight,
                       ObjectMapper objectMapper, ClosedHealth closedHealth) {
        this.camelContext = camelContext;
        this.shutdown = shutdown;
        this.inFlight = inFlight;
        this.objectMapper = objectMapper;
        this.closedHealth = closedHealth;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/actuator");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (shutdown.closing() || !camelContext.getStatus().isStarted()) {
            if (isHealth(request)) {
                answerDown(response);
            } else {
                refuse(response, shutdown.closing() ? "The service is shutting down; try another instance"
                        : "The service is starting; try again in a moment");
            }
            return;
        }
        boolean work = "POST".equalsIgnoreCase(request.getMethod());
        if (!inFlight.tryEnter(work)) {
            LOG.warn("Refused {} {}: {} requests in flight already (IMAGE_MAX_IN_FLIGHT)",
                    request.getMethod(), request.getRequestURI(), inFlight.limit());
            refuse(response, "The service is at its limit of " + inFlight.limit()
                    + " requests in flight (IMAGE_MAX_IN_FLIGHT); try again");
            return;
        }
        Runnable leave = once(() -> inFlight.leave(work));
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new WhenAsyncCompletes(leave));
            } else {
                leave.run();
            }
        }
    }

    private static boolean isHealth(HttpServletRequest request) {
        return HEALTH.equals(request.getRequestURI())
                && ("GET".equalsIgnoreCase(request.getMethod()) || "HEAD".equalsIgnoreCase(request.getMethod()));
    }

    private void answerDown(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader("Retry-After", "1");
        objectMapper.writeValue(response.getOutputStream(), closedHealth.body());
    }

    private void refuse(HttpServletResponse response, String message) throws IOException {
        response.setStatus(ErrorCode.PROVIDER_UNAVAILABLE.status());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader("Retry-After", "1");
        objectMapper.writeValue(response.getOutputStream(),
                ErrorResponses.body(ErrorCode.PROVIDER_UNAVAILABLE, message, null));
    }

    private static Runnable once(Runnable action) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                action.run();
            }
        };
    }
}
