package ru.newsmed.imagegen.routing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How requests are routed: the mode ({@code gigachat}, {@code yandex}, {@code both}), the share of
 * {@code gigachat}-mode requests that go to GigaChat (the rest to YandexART), and whether a
 * request the chosen provider could not draw is tried on the other one.
 */
public record RoutingState(String mode, int rolloutPercent, boolean fallbackEnabled) {

    public static final Set<String> MODES = Set.of("gigachat", "yandex", "both");

    public RoutingState {
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("IMAGE_PROVIDER must be gigachat, yandex or both, not " + mode);
        }
        if (rolloutPercent < 0 || rolloutPercent > 100) {
            throw new IllegalArgumentException("GIGACHAT_ROLLOUT_PERCENT must be from 0 to 100, not " + rolloutPercent);
        }
    }

    /** The state as the admin endpoint answers it. */
    public Map<String, Object> asBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mode", mode);
        body.put("rollout_percent", rolloutPercent);
        body.put("fallback_enabled", fallbackEnabled);
        return body;
    }
}
