package ru.newsmed.imagegen.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class MeterRegistrationWatchTest {

    @Test
    void recordsAMeterPrometheusRefusesForClashingTagKeys() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MeterRegistrationWatch watch = new MeterRegistrationWatch();
        watch.customize(registry);

        registry.counter("imagegen.clash", "provider", "gigachat").increment();
        registry.counter("imagegen.clash", "other", "tag").increment();

        assertThat(watch.failures()).containsExactly("imagegen.clash");
    }
}
