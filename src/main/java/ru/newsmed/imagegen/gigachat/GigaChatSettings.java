package ru.newsmed.imagegen.gigachat;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * The {@code gigachat.*} settings of {@code config/application.yml} (each backed by its
 * {@code GIGACHAT_*} variable), for the beans; the routes read the same keys as placeholders.
 */
@ConfigurationProperties(prefix = "imagegen.gigachat")
public record GigaChatSettings(
        String authKey,
        String clientId,
        String scope,
        String model,
        String oauthUrl,
        String baseUrl,
        String systemPrompt,
        @DurationUnit(ChronoUnit.MINUTES) Duration tokenRefreshBuffer,
        int maxConcurrent,
        @DurationUnit(ChronoUnit.SECONDS) Duration queueTimeout,
        String caBundle,
        boolean verifySsl) {

    public boolean configured() {
        return authKey != null && !authKey.isBlank();
    }
}
