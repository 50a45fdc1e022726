package ru.newsmed.imagegen.yandex;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * The {@code yandex.*} settings of {@code config/application.yml} (each backed by its {@code YC_*}
 * variable), for the beans; the routes read the same keys as placeholders.
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
        return present(folderId) && (present(apiKey) || present(iamToken));
    }

    /** {@code Api-Key <key>} (preferred: it does not expire), else {@code Bearer <IAM token>}. */
    public String authorization() {
        return present(apiKey) ? "Api-Key " + apiKey.strip() : "Bearer " + iamToken.strip();
    }

    /** What is missing, named by its variables, while the provider is not configured. */
    public String missing() {
        if (!present(folderId) && !present(apiKey) && !present(iamToken)) {
            return "YC_FOLDER_ID and YC_API_KEY (or YC_IAM_TOKEN)";
        }
        return present(folderId) ? "YC_API_KEY (or YC_IAM_TOKEN)" : "YC_FOLDER_ID";
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
