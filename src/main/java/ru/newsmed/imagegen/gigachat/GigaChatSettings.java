package ru.newsmed.imagegen.gigachat;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * The {@code imagegen.gigachat.*} settings the beans read (each backed by its {@code GIGACHAT_*}
 * variable): the service's token credentials and its concurrency slots. The routes read every
 * {@code imagegen.gigachat.*} key as a placeholder and hand it to the gigachat-image-action Kamelet;
 * the configuration metadata describes them all.
 */
@ConfigurationProperties(prefix = "imagegen.gigachat")
public record GigaChatSettings(
        String authKey,
        String scope,
        String oauthUrl,
        int maxConcurrent,
        @DurationUnit(ChronoUnit.SECONDS) Duration queueTimeout) {

    public boolean configured() {
        return authKey != null && !authKey.isBlank();
    }
}
