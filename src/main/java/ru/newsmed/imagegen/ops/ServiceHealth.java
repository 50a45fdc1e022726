package ru.newsmed.imagegen.ops;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.db.ImagegenDatabase;
import ru.newsmed.imagegen.gigachat.GigaChatSettings;
import ru.newsmed.imagegen.gigachat.GigaChatTokenCache;
import ru.newsmed.imagegen.provider.ProviderCircuit;
import ru.newsmed.imagegen.provider.ProviderSlots;
import ru.newsmed.imagegen.routing.ProviderRouting;
import ru.newsmed.imagegen.routing.RoutingStore;
import ru.newsmed.imagegen.routing.RoutingState;
import ru.newsmed.imagegen.yandex.YandexSettings;

/**
 * What {@code /health}, {@code /status} and the readiness group report. A provider is UP when it
 * is configured and its circuit is not open; the service is UP when every configured provider and
 * the storage and the database are UP, DOWN when no provider is UP or the storage or the database
 * is DOWN, DEGRADED otherwise.
 * Never a key or a token: only whether one is set, and when the GigaChat token expires.
 */
@Component("imagegenServiceHealth")
public class ServiceHealth {

    private final GigaChatSettings gigachat;
    private final YandexSettings yandex;
    private final ProviderCircuit gigachatCircuit;
    private final ProviderCircuit yandexCircuit;
    private final ProviderSlots gigachatSlots;
    private final ProviderSlots yandexSlots;
    private final GigaChatTokenCache tokenCache;
    private final ProviderRouting routing;
    private final MeterRegistry meters;
    private final StorageHealth storage;
    private final ImagegenDatabase database;

    public ServiceHealth(GigaChatSettings gigachat, YandexSettings yandex,
                         @Qualifier("imagegenGigachatCircuit") ProviderCircuit gigachatCircuit,
                         @Qualifier("imagegenYandexCircuit") ProviderCircuit yandexCircuit,
                         @Qualifier("imagegenGigachatSlots") ProviderSlots gigachatSlots,
                         @Qualifier("imagegenYandexSlots") ProviderSlots yandexSlots,
                         GigaChatTokenCache tokenCache, ProviderRouting routing, MeterRegistry meters,
                         StorageHealth storage, ImagegenDatabase database) {
        this.gigachat = gigachat;
        this.yandex = yandex;
        this.gigachatCircuit = gigachatCircuit;
        this.yandexCircuit = yandexCircuit;
        this.gigachatSlots = gigachatSlots;
        this.yandexSlots = yandexSlots;
        this.tokenCache = tokenCache;
        this.routing = routing;
        this.meters = meters;
        this.storage = storage;
        this.database = database;
    }

    /** UP, DEGRADED or DOWN. */
    public String overall() {
        boolean gigachatUp = up(gigachat.configured(), gigachatCircuit);
        boolean yandexUp = up(yandex.configured(), yandexCircuit);
        if (!storage.up() || !database.up() || (!gigachatUp && !yandexUp)) {
            return "DOWN";
        }
        boolean allUp = (!gigachat.configured() || gigachatUp) && (!yandex.configured() || yandexUp);
        return allUp ? "UP" : "DEGRADED";
    }

    /** The /health body; sets the HTTP status (503 when DOWN). */
    public Map<String, Object> health(Exchange exchange) {
        String overall = overall();
        Map<String, Object> providers = new LinkedHashMap<>();
        providers.put("gigachat", providerHealth(gigachat.configured(), gigachatCircuit));
        providers.put("yandex", providerHealth(yandex.configured(), yandexCircuit));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", overall);
        body.put("providers", providers);
        body.put("storage", Map.of("type", storage.type(), "status", storage.up() ? "UP" : "DOWN"));
        body.put("database", Map.of("type", database.type(), "status", database.up() ? "UP" : "DOWN"));
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, "DOWN".equals(overall) ? 503 : 200);
        return body;
    }

    /** The /status body. */
    public Map<String, Object> status() {
        RoutingState state = routing.state();
        Map<String, Object> gigachatStatus = providerStatus("gigachat", gigachat.configured(), gigachatCircuit, gigachatSlots);
        gigachatStatus.put("token_expires_at", tokenCache.expiresAt().map(Instant::toString).orElse(null));
        Map<String, Object> providers = new LinkedHashMap<>();
        providers.put("gigachat", gigachatStatus);
        providers.put("yandex", providerStatus("yandex", yandex.configured(), yandexCircuit, yandexSlots));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mode", state.mode());
        body.put("rollout_percent", state.rolloutPercent());
        body.put("fallback_enabled", state.fallbackEnabled());
        RoutingStore.AdminRouting change = routing.adminChange();
        body.put("routing_source", change == null ? "environment" : "admin");
        if (change != null) {
            body.put("routing_changed_at", change.changedAt().toString());
            body.put("routing_changed_by", change.changedBy());
        }
        body.put("providers", providers);
        body.put("storage", Map.of("type", storage.type()));
        return body;
    }

    private static boolean up(boolean configured, ProviderCircuit circuit) {
        return configured && circuit.breaker().getState() != CircuitBreaker.State.OPEN
                && circuit.breaker().getState() != CircuitBreaker.State.FORCED_OPEN;
    }

    private static Map<String, Object> providerHealth(boolean configured, ProviderCircuit circuit) {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("configured", configured);
        health.put("status", !configured ? "NOT_CONFIGURED" : up(true, circuit) ? "UP" : "DOWN");
        return health;
    }

    private Map<String, Object> providerStatus(String provider, boolean configured, ProviderCircuit circuit, ProviderSlots slots) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("configured", configured);
        status.put("circuit", circuit.breaker().getState().name());
        status.put("in_flight", slots.inFlight());
        status.put("queued", slots.queued());
        status.put("successes", attempts(provider, "success"));
        status.put("refusals", attempts(provider, "refused"));
        status.put("failures", attempts(provider, "failure"));
        status.put("fallbacks_from", (long) meters.find("imagegen.fallbacks").tag("from", provider).counters().stream()
                .mapToDouble(Counter::count).sum());
        return status;
    }

    private long attempts(String provider, String outcome) {
        Timer timer = meters.find("imagegen.generation").tags("provider", provider, "outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }
}
