package ru.newsmed.imagegen.provider;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import ru.newsmed.imagegen.gigachat.GigaChatSettings;
import ru.newsmed.imagegen.yandex.YandexSettings;

/**
 * The policies the routes wrap provider calls in, by name: each provider's concurrent slots
 * ({@code *_MAX_CONCURRENT}, {@code *_QUEUE_TIMEOUT}), circuit breaker ({@code IMAGE_CIRCUIT_*}) and
 * retries ({@code *_MAX_RETRIES}, {@code IMAGE_RETRY_*}: the {@code redeliveryPolicyRef} of the
 * {@code *-retries} route configurations, one {@link RetrySettings#policy} for both).
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

    @Bean("imagegenGigachatRetryPolicy")
    public RedeliveryPolicy gigachatRetryPolicy(RetrySettings retry, @Value("${imagegen.gigachat.max-retries}") int maxRetries) {
        return retry.policy(maxRetries);
    }

    @Bean("imagegenYandexRetryPolicy")
    public RedeliveryPolicy yandexRetryPolicy(RetrySettings retry, @Value("${imagegen.yandex.max-retries}") int maxRetries) {
        return retry.policy(maxRetries);
    }
}
