package ru.newsmed.imagegen.routing;

import ru.newsmed.imagegen.errors.ApiException;
import ru.newsmed.imagegen.errors.ContentRefusedException;
import ru.newsmed.imagegen.errors.ErrorResponses;
import ru.newsmed.imagegen.errors.ProviderUnavailableException;
import ru.newsmed.imagegen.storage.Drawing;
import ru.newsmed.imagegen.storage.StoredImage;

/**
 * One provider's try at a request's image, as the answer, the comparison and the metrics see it.
 *
 * @param provider   gigachat or yandex
 * @param outcome    what came of it
 * @param reason     why there is no image: failed, refused, not_configured, circuit_open,
 *                   queue_timeout, storage_failed; null on success
 * @param message    the readable account of a failure, null on success
 * @param durationMs how long the try took
 * @param drawing    what the provider drew, on success
 * @param stored     where its image was stored, once stored (both mode)
 */
public record ProviderAttempt(String provider, Outcome outcome, String reason, String message, long durationMs,
                              Drawing drawing, StoredImage stored) {

    public enum Outcome { SUCCESS, REFUSED, FAILED, UNAVAILABLE, STORAGE_FAILED }

    /** The provider drew. */
    static ProviderAttempt drawn(Drawing drawing, long durationMs) {
        return new ProviderAttempt(drawing.provider(), Outcome.SUCCESS, null, null, durationMs, drawing, null);
    }

    /**
     * The provider drew nothing because of {@code caught}: refused, unavailable (it could not be
     * tried), or failed (anything else, ours or not).
     */
    static ProviderAttempt failedBy(String provider, Throwable caught, long durationMs) {
        ApiException error = ErrorResponses.find(caught);
        if (error instanceof ContentRefusedException) {
            return new ProviderAttempt(provider, Outcome.REFUSED, "refused", error.getMessage(), durationMs, null, null);
        }
        if (error instanceof ProviderUnavailableException unavailable) {
            return new ProviderAttempt(provider, Outcome.UNAVAILABLE, unavailable.getReason().tag(), error.getMessage(),
                    durationMs, null, null);
        }
        String message = error != null ? error.getMessage()
                : "unexpected error " + (caught == null ? "" : caught.getClass().getSimpleName());
        return new ProviderAttempt(provider, Outcome.FAILED, "failed", message, durationMs, null, null);
    }

    public boolean drew() {
        return outcome == Outcome.SUCCESS;
    }

    public String modelUsed() {
        return drawing == null ? null : drawing.modelUsed();
    }

    public String imageUrl() {
        return stored == null ? null : stored.url();
    }

    ProviderAttempt storedAt(StoredImage image) {
        return new ProviderAttempt(provider, outcome, reason, message, durationMs, drawing, image);
    }

    ProviderAttempt storageFailed(String why) {
        return new ProviderAttempt(provider, Outcome.STORAGE_FAILED, "storage_failed", why, durationMs, drawing, null);
    }

    /** The provider's name as people write it. */
    public String displayName() {
        return RoutingDecision.GIGACHAT.equals(provider) ? "GigaChat" : "YandexART";
    }
}
