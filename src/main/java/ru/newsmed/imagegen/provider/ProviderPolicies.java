package ru.newsmed.imagegen.provider;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import ru.newsmed.imagegen.gigachat.GigaChatSettings;
import ru.newsmed.imagegen.yandex.YandexSettings;

/**
 * The policies the routes wrap provider calls in, by name: each provider's concurrent slots
 * ({@code *_MAX_CONCURRENT}, {@code *_QUEUE_TIMEOUT}) and circuit breaker ({@code IMAGE_CIRCUIT_*}).
 */
@Configuration
public class ProviderPolicies {

    public static final String GIGACHAT = "GigaChat";
    public static final String YANDEX = "YandexART";

    @Bean("gigachatSlots")
    public ProviderSlots gigachatSlots(GigaChatSettings settings) {
        return new ProviderSlots(GIGACHAT, settings.maxConcurrent(), settings.queueTimeout());
    }

    @Bean("yandexSlots")
    public ProviderSlots yandexSlots(YandexSettings settings) {
        return new ProviderSlots(YANDEX, settings.maxConcurrent(), settings.queueTimeout());
    }

    @Bean("gigachatCircuit")
    public ProviderCircuit gigachatCircuit(CircuitSettings settings) {
        return new ProviderCircuit(GIGACHAT, settings);
    }

    @Bean("yandexCircuit")
    public ProviderCircuit yandexCircuit(CircuitSettings settings) {
        return new ProviderCircuit(YANDEX, settings);
    }
}
