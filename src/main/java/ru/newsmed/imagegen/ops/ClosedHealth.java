package ru.newsmed.imagegen.ops;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.gigachat.GigaChatSettings;
import ru.newsmed.imagegen.yandex.YandexSettings;

/**
 * The {@code /health} body while the instance takes no traffic (its routes are not up yet, or it
 * is shutting down): the health shape with {@code "status": "DOWN"}, each configured provider and
 * the storage DOWN (nothing is served through this instance now), a provider without credentials
 * NOT_CONFIGURED. Built from the settings alone: nothing is called, no storage is probed.
 */
@Component
public class ClosedHealth {

    private final boolean gigachatConfigured;
    private final boolean yandexConfigured;
    private final String storageType;

    public ClosedHealth(GigaChatSettings gigachat, YandexSettings yandex,
                        @Value("${imagegen.storage.type}") String storageType) {
        this.gigachatConfigured = gigachat.configured();
        this.yandexConfigured = yandex.configured();
        this.storageType = storageType;
    }

    /** The body, to be answered with HTTP 503. */
    public Map<String, Object> body() {
        Map<String, Object> providers = new LinkedHashMap<>();
        providers.put("gigachat", provider(gigachatConfigured));
        providers.put("yandex", provider(yandexConfigured));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "DOWN");
        body.put("providers", providers);
        body.put("storage", Map.of("type", storageType, "status", "DOWN"));
        return body;
    }

    private static Map<String, Object> provider(boolean configured) {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("configured", configured);
        health.put("status", configured ? "DOWN" : "NOT_CONFIGURED");
        return health;
    }
}
