package ru.newsmed.imagegen.yandex;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * The {@code imagegen.yandex.*} settings the beans read (each backed by its {@code YC_*} variable):
 * whether the account is complete, and the concurrency slots. The routes read every
 * {@code imagegen.yandex.*} key as a placeholder and hand it to the yandexart-image-action Kamelet;
 * the configuration metadata describes them all.
 */
@ConfigurationProperties(prefix = "imagegen.yandex")
public record YandexSettings(
        String folderId,
        String apiKey,
        String iamToken,
        int maxConcurrent,
        @DurationUnit(ChronoUnit.SECONDS) Duration queueTimeout) {

    public boolean configured() {
        return new YandexAccount(folderId, apiKey, iamToken).configured();
    }
}
