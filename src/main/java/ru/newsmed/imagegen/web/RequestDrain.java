package ru.newsmed.imagegen.web;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import ru.newsmed.imagegen.api.ShutdownGate;

/**
 * The shutdown drain, in place of Spring's graceful shutdown (which stops the connector accepting):
 * it stops before the web server does and waits, up to {@code IMAGE_SHUTDOWN_TIMEOUT}, for the HTTP
 * requests in flight to be answered. Meanwhile the connector keeps accepting and TrafficGate answers
 * new requests 503 with Retry-After: 1. A second before the time runs out, the requests still
 * running are told to answer 503 (ShutdownGate) and get that second to do it.
 */
@Component
public class RequestDrain implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(RequestDrain.class);

    private final RequestsInFlight inFlight;
    private final ShutdownGate shutdown;
    private volatile boolean running;

    public RequestDrain(RequestsInFlight inFlight, ShutdownGate shutdown) {
        this.inFlight = inFlight;
        this.shutdown = shutdown;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        Duration timeout = shutdown.timeout();
        Duration margin = timeout.compareTo(ShutdownGate.MARGIN) > 0 ? ShutdownGate.MARGIN : timeout;
        try {
            if (!inFlight.awaitNone(timeout.minus(margin))) {
                shutdown.answerNow();
                if (!inFlight.awaitNone(margin)) {
                    LOG.warn("Requests still in flight after IMAGE_SHUTDOWN_TIMEOUT ({} s); stopping the web server",
                            timeout.toSeconds());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            shutdown.answerNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server stops (the phase Spring's own graceful shutdown has). */
    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE;
    }
}
