package ru.newsmed.imagegen.provider;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * The {@code image.circuit.*} settings, the same for both providers' circuit breakers.
 *
 * @param failureRate  the percentage of failed calls that opens the circuit ({@code IMAGE_CIRCUIT_FAILURE_RATE})
 * @param minCalls     calls seen before the rate counts ({@code IMAGE_CIRCUIT_MIN_CALLS})
 * @param openDuration how long an open circuit stays open ({@code IMAGE_CIRCUIT_OPEN_SECONDS})
 */
@ConfigurationProperties(prefix = "imagegen.circuit")
public record CircuitSettings(float failureRate, int minCalls,
                              @DurationUnit(ChronoUnit.SECONDS) Duration openDuration) {

    /** The rate is taken over the last max(10, minCalls) counted calls. */
    public int windowSize() {
        return Math.max(10, minCalls);
    }
}
