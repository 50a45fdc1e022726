package ru.newsmed.imagegen.routing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.api.GenerateRequest;
import ru.newsmed.imagegen.api.RequestGuard;

/**
 * Picks the providers of each request from the routing state ({@code IMAGE_PROVIDER},
 * {@code GIGACHAT_ROLLOUT_PERCENT}, {@code IMAGE_FALLBACK_ENABLED}, changed at run time by the admin
 * endpoint). A request's own {@code provider} bypasses the mode and the rollout; fallback follows
 * the state either way.
 *
 * <p>The rollout choice is a hash of the request id into 100 buckets: the same id always lands on
 * the same provider (a client's retry with its X-Request-ID too), and a fixed set of ids gives a
 * fixed split, so it can be tested exactly. Requests without an id get a random one.
 */
@Component("imagegenProviderRouting")
public class ProviderRouting {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderRouting.class);

    private final AtomicReference<RoutingState> state;

    public ProviderRouting(@Value("${imagegen.routing.provider}") String mode,
                           @Value("${imagegen.routing.rollout-percent}") int rolloutPercent,
                           @Value("${imagegen.routing.fallback-enabled}") boolean fallbackEnabled) {
        this.state = new AtomicReference<>(new RoutingState(mode.strip().toLowerCase(Locale.ROOT),
                rolloutPercent, fallbackEnabled));
    }

    public RoutingState state() {
        return state.get();
    }

    /** Changes the given parts of the state (null leaves a part as it is) and answers the new state. */
    public RoutingState change(String mode, Integer rolloutPercent, Boolean fallbackEnabled) {
        RoutingState before = state.get();
        RoutingState after = state.updateAndGet(current -> new RoutingState(
                mode == null ? current.mode() : mode,
                rolloutPercent == null ? current.rolloutPercent() : rolloutPercent,
                fallbackEnabled == null ? current.fallbackEnabled() : fallbackEnabled));
        LOG.warn("Routing changed at run time from {} to {} (holds until this instance restarts)", before, after);
        return after;
    }

    public RoutingDecision decide(@Body GenerateRequest request,
                                  @ExchangeProperty(RequestGuard.REQUEST_ID) String requestId) {
        RoutingState current = state.get();
        String mode = request.provider() != null ? request.provider() : current.mode();
        if ("both".equals(mode)) {
            return new RoutingDecision(true, RoutingDecision.GIGACHAT, RoutingDecision.YANDEX);
        }
        String first = mode;
        if (request.provider() == null && RoutingDecision.GIGACHAT.equals(mode)
                && bucket(requestId == null ? UUID.randomUUID().toString() : requestId) >= current.rolloutPercent()) {
            first = RoutingDecision.YANDEX;
        }
        return new RoutingDecision(false, first, current.fallbackEnabled() ? RoutingDecision.other(first) : null);
    }

    /** 0..99 from the request id; GigaChat takes the buckets under the rollout percentage. */
    static int bucket(String requestId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(requestId.getBytes(StandardCharsets.UTF_8));
            long value = ((hash[0] & 0xFFL) << 24) | ((hash[1] & 0xFFL) << 16) | ((hash[2] & 0xFFL) << 8) | (hash[3] & 0xFFL);
            return (int) (value % 100);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
