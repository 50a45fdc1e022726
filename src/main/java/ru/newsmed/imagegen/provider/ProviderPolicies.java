package ru.newsmed.imagegen.provider;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import ru.newsmed.imagegen.gigachat.GigaChatSettings;
import ru.newsmed.imagegen.yandex.YandexSettings;

/**
 * The policies the service's routes wrap the provider Kamelets in, by name: each provider's
 * concurrent slots ({@code *_MAX_CONCURRENT}, {@code *_QUEUE_TIMEOUT}) and circuit breaker
 * ({@code IMAGE_CIRCUIT_*}). The retries are the Kamelets' own ({@link ProviderRetries}).
 */
@Configuration
public class ProviderPolicies {

    public static final String GIGACHAT = "GigaChat";
    public static final String YANDEX = "YandexART";

    @Bean("imagegenGigachatSlots")
    public ProviderSlots gigachatSlots(GigaChatSettings settings, MeterRegistry meters) {
        return measured(new ProviderSlots(GIGACHAT, settings.maxConcurrent(), settings.queueTimeout()), "gigachat", meters);
    }

    @Bean("imagegenYandexSlots")
    public ProviderSlots yandexSlots(YandexSettings settings, MeterRegistry meters) {
        return measured(new ProviderSlots(YANDEX, settings.maxConcurrent(), settings.queueTimeout()), "yandex", meters);
    }

    /** imagegen_in_flight and imagegen_queued for the provider. */
    private static ProviderSlots measured(ProviderSlots slots, String provider, MeterRegistry meters) {
        Gauge.builder("imagegen.in_flight", slots, ProviderSlots::inFlight).tag("provider", provider)
                .description("Provider calls holding one of the provider's concurrent slots").register(meters);
        Gauge.builder("imagegen.queued", slots, ProviderSlots::queued).tag("provider", provider)
                .description("Requests waiting for one of the provider's concurrent slots").register(meters);
        return slots;
    }

    @Bean("imagegenGigachatCircuit")
    public ProviderCircuit gigachatCircuit(CircuitSettings settings) {
        return new ProviderCircuit(GIGACHAT, settings);
    }

    @Bean("imagegenYandexCircuit")
    public ProviderCircuit yandexCircuit(CircuitSettings settings) {
        return new ProviderCircuit(YANDEX, settings);
    }
}
