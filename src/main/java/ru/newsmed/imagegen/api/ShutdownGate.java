package ru.newsmed.imagegen.api;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * The service's shutdown as requests see it. Once the application begins to close, new requests
 * are answered 503 (TrafficGate) while RequestDrain lets those in flight finish; a second before
 * {@code IMAGE_SHUTDOWN_TIMEOUT} runs out, the drain completes {@link #drained()} and the requests
 * still waiting answer 503 provider_unavailable instead of being cut off (their work is abandoned
 * and stores nothing).
 */
@Component
public class ShutdownGate implements ApplicationListener<ContextClosedEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownGate.class);
    /** The time the requests still running get to write their 503 before the web server stops. */
    public static final Duration MARGIN = Duration.ofSeconds(1);

    private final Duration timeout;
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean closing;

    public ShutdownGate(@Value("${imagegen.shutdown-timeout}") String timeout) {
        this.timeout = DurationStyle.detectAndParse(timeout, ChronoUnit.SECONDS);
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (closing) {
            return;
        }
        closing = true;
        LOG.info("Shutting down: new requests answered 503; those in flight get up to {} s", timeout.toSeconds());
    }

    /** True once the application has begun to close. */
    public boolean closing() {
        return closing;
    }

    /** IMAGE_SHUTDOWN_TIMEOUT. */
    public Duration timeout() {
        return timeout;
    }

    /** Tells the requests still in flight to answer now. */
    public void answerNow() {
        drained.complete(null);
    }

    /** Completes when requests still in flight must be answered now. */
    public CompletableFuture<Void> drained() {
        return drained;
    }
}
