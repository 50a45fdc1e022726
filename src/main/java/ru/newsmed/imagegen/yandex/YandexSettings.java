package ru.newsmed.imagegen.yandex;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * The {@code imagegen.yandex.*} settings of {@code config/application.yml} (each backed by its
 * {@code YC_*} variable), for the beans; the routes read the same keys as placeholders and hand them
 * to the yandexart-image-action Kamelet.
 */
@ConfigurationProperties(prefix = "imagegen.yandex")
public record YandexSettings(
        String folderId,
        String apiKey,
        String iamToken,
        @DurationUnit(ChronoUnit.SECONDS) Duration pollInterval,
        @DurationUnit(ChronoUnit.SECONDS) Duration generationTimeout,
        int maxConcurrent,
        @DurationUnit(ChronoUnit.SECONDS) Duration queueTimeout) {

    public boolean configured() {
        return new YandexAccount(folderId, apiKey, iamToken).configured();
    }
}
