package ru.newsmed.imagegen.routing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.api.GenerateRequest;
import ru.newsmed.imagegen.api.RequestGuard;
import ru.newsmed.imagegen.errors.ApiException;
import ru.newsmed.imagegen.errors.ErrorCode;
import ru.newsmed.imagegen.work.Work;

/**
 * Picks the providers of each request from the routing state ({@code IMAGE_PROVIDER},
 * {@code GIGACHAT_ROLLOUT_PERCENT}, {@code IMAGE_FALLBACK_ENABLED}, changed at run time by the admin
 * endpoint, stored in the database: it then wins over the environment until changed again). A request's own {@code provider} bypasses the mode and the rollout; fallback follows
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
    private final AtomicReference<RoutingStore.AdminRouting> admin = new AtomicReference<>();
    private final RoutingStore store;

    @Autowired
    public ProviderRouting(@Value("${imagegen.routing.provider}") String mode,
                           @Value("${imagegen.routing.rollout-percent}") int rolloutPercent,
                           @Value("${imagegen.routing.fallback-enabled}") boolean fallbackEnabled,
                           RoutingStore store) throws SQLException {
        this.state = new AtomicReference<>(new RoutingState(mode.strip().toLowerCase(Locale.ROOT),
                rolloutPercent, fallbackEnabled));
        this.store = store;
        store.read().ifPresent(stored -> {
            LOG.info("Routing as an admin set it at {}: {} (wins over IMAGE_PROVIDER, GIGACHAT_ROLLOUT_PERCENT, IMAGE_FALLBACK_ENABLED)",
                    stored.changedAt(), stored.state());
            apply(stored);
        });
    }

    /** The routing of the environment alone, never stored (for tests of the decision). */
    ProviderRouting(String mode, int rolloutPercent, boolean fallbackEnabled) {
        this.state = new AtomicReference<>(new RoutingState(mode, rolloutPercent, fallbackEnabled));
        this.store = null;
    }

    public RoutingState state() {
        return state.get();
    }

    /** The admin change in force (where the routing came from), or null when it is the environment's. */
    public RoutingStore.AdminRouting adminChange() {
        return admin.get();
    }

    /** Changes the given parts of the state (null leaves a part as it is) and answers the new state. */
    public RoutingState change(String mode, Integer rolloutPercent, Boolean fallbackEnabled) {
        return change(mode, rolloutPercent, fallbackEnabled, null);
    }

    /**
     * Changes the given parts of the state (null leaves a part as it is), stored so that it holds
     * across restarts and reaches every instance; {@code changedBy} is the caller's address.
     */
    public synchronized RoutingState change(String mode, Integer rolloutPercent, Boolean fallbackEnabled, String changedBy) {
        RoutingState before = state.get();
        RoutingState after = new RoutingState(
                mode == null ? before.mode() : mode,
                rolloutPercent == null ? before.rolloutPercent() : rolloutPercent,
                fallbackEnabled == null ? before.fallbackEnabled() : fallbackEnabled);
        // Milliseconds: the database keeps no nanoseconds, and the time in memory must equal the one
        // read back (else /status changes its time after a restart, and refresh() takes our own
        // change up as another instance's).
        RoutingStore.AdminRouting change = new RoutingStore.AdminRouting(after, Instant.now().truncatedTo(ChronoUnit.MILLIS), changedBy);
        if (store != null) {
            try {
                store.save(change);
            } catch (SQLException e) {
                throw new ApiException(ErrorCode.PROVIDER_UNAVAILABLE, "The routing could not be stored: the database cannot be reached", e);
            }
        }
        apply(change);
        LOG.warn("Routing changed at run time from {} to {} by {} (stored: it holds until changed again)", before, after, changedBy);
        return after;
    }

    /**
     * Takes up a change another instance stored (every IMAGE_ROUTING_REFRESH). Under the lock of
     * {@link #change}: a row read just before a change here would otherwise undo that change until
     * the next refresh.
     */
    public synchronized void refresh() throws SQLException {
        RoutingStore.AdminRouting stored = store == null ? null : store.read().orElse(null);
        if (stored != null && !stored.equals(admin.get())) {
            LOG.info("Routing changed by {} at {}: {}", stored.changedBy(), stored.changedAt(), stored.state());
            apply(stored);
        }
    }

    private void apply(RoutingStore.AdminRouting change) {
        admin.set(change);
        state.set(change.state());
    }

    /**
     * The providers of the request. Work resumed after a restart, or taken over by its key, that
     * paid one provider already (and not the other) goes to that provider first.
     */
    public RoutingDecision decide(@Body GenerateRequest request,
                                  @ExchangeProperty(RequestGuard.REQUEST_ID) String requestId,
                                  @ExchangeProperty(Work.PROPERTY) Work work) {
        RoutingDecision decision = decide(request, requestId);
        if (work == null || decision.both() || (work.gigachatFileId() == null) == (work.yandexOperationId() == null)) {
            return decision;
        }
        String paid = work.gigachatFileId() != null ? RoutingDecision.GIGACHAT : RoutingDecision.YANDEX;
        return paid.equals(decision.first()) ? decision
                : new RoutingDecision(false, paid, decision.fallback() == null ? null : decision.first());
    }

    RoutingDecision decide(GenerateRequest request, String requestId) {
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
