package ru.newsmed.imagegen.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Date;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import ru.newsmed.imagegen.api.GenerationResult;
import ru.newsmed.imagegen.errors.ApiException;
import ru.newsmed.imagegen.errors.ContentRefusedException;
import ru.newsmed.imagegen.errors.ErrorCode;
import ru.newsmed.imagegen.errors.ProviderFailedException;
import ru.newsmed.imagegen.storage.Drawing;
import ru.newsmed.imagegen.storage.ImageKind;
import ru.newsmed.imagegen.storage.StoredImage;

/** The attempts account the routes keep: which drawing a request ends with, or which error, and its answer. */
class ProviderAttemptsTest {

    private final ProviderAttempts attempts = new ProviderAttempts(new GenerationMetrics(new SimpleMeterRegistry()));

    private ProviderAttempt drew(String provider) {
        return attempts.drawn(Drawing.drawn(new byte[]{1}, ImageKind.JPEG, provider, provider + "-model", "prompt"), new Date());
    }

    private ProviderAttempt failed(String provider, RuntimeException why) {
        return attempts.failed(provider, new Date(), why, "req-1");
    }

    private static StoredImage storedFrom(String provider) {
        return new StoredImage("id", "id.jpeg", "http://x/id.jpeg", "image/jpeg", provider, provider + "-model");
    }

    @Test
    void endsWithTheFallbacksDrawingWhenTheFirstDrewNothing() {
        ProviderAttempt first = failed("gigachat", new ProviderFailedException("GigaChat answered 500"));

        assertThat(attempts.drawing(first, drew("yandex")).provider()).isEqualTo("yandex");
        assertThat(attempts.drawing(drew("gigachat"), null).provider()).isEqualTo("gigachat");
    }

    @Test
    void failsAsTheContractSaysWhenNoAttemptDrew() {
        ProviderAttempt refused = failed("gigachat", new ContentRefusedException("blacklist"));
        ProviderAttempt failedToo = failed("yandex", new ProviderFailedException("YandexART answered 500"));

        assertThatThrownBy(() -> attempts.drawing(refused, failedToo))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(ErrorCode.PROVIDER_FAILED);
                    assertThat(e.getMessage()).contains("GigaChat refused").contains("YandexART failed");
                });
        assertThatThrownBy(() -> attempts.drawing(refused, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.CONTENT_REFUSED));
    }

    @Test
    void answersFallbackUsedOnlyWhenAnotherProviderThanTheFirstDrew() {
        RoutingDecision gigachatFirst = new RoutingDecision(false, "gigachat", "yandex");

        assertThat(attempts.answer(storedFrom("gigachat"), gigachatFirst).fallbackUsed()).isFalse();
        assertThat(attempts.answer(storedFrom("yandex"), gigachatFirst).fallbackUsed()).isTrue();
    }

    @Test
    void bothModeAnswersWithGigaChatsStoredImageAndComparesBoth() {
        ProviderAttempt gigachat = attempts.stored(drew("gigachat"), storedFrom("gigachat"));
        ProviderAttempt yandex = attempts.stored(drew("yandex"), storedFrom("yandex"));

        GenerationResult result = attempts.compare(List.of(yandex, gigachat), "req-2");

        assertThat(result.image().provider()).isEqualTo("gigachat");
        assertThat(result.fallbackUsed()).isFalse();
        assertThat(result.comparison()).containsOnlyKeys("gigachat", "yandex");
    }
}
