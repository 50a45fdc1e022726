package ru.newsmed.imagegen.api;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * The service's shutdown as requests see it. Once the application begins to close, new requests
 * are refused with 503 (TrafficGate) while Spring's graceful shutdown lets those in flight finish;
 * a second before {@code IMAGE_SHUTDOWN_TIMEOUT} runs out, {@link #drained()} completes and the
 * requests still waiting answer 503 provider_unavailable instead of being cut off (their work is
 * abandoned and stores nothing).
 */
@Component
public class ShutdownGate implements ApplicationListener<ContextClosedEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownGate.class);
    private static final Duration MARGIN = Duration.ofSeconds(1);

    private final Duration timeout;
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean closing;

    public ShutdownGate(@Value("${image.shutdown-timeout}") String timeout) {
        this.timeout = DurationStyle.detectAndParse(timeout, ChronoUnit.SECONDS);
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (closing) {
            return;
        }
        closing = true;
        long waitMs = Math.max(0, timeout.minus(MARGIN).toMillis());
        LOG.info("Shutting down: no new requests; those in flight get up to {} s", timeout.toSeconds());
        CompletableFuture.delayedExecutor(waitMs, TimeUnit.MILLISECONDS).execute(() -> drained.complete(null));
    }

    /** True once the application has begun to close. */
    public boolean closing() {
        return closing;
    }

    /** Completes when requests still in flight must be answered now. */
    public CompletableFuture<Void> drained() {
        return drained;
    }
}
