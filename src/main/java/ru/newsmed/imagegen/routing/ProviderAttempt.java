package ru.newsmed.imagegen.routing;

/**
 * One provider's try at a request's image, as the answer, the comparison and the metrics see it.
 *
 * @param provider   gigachat or yandex
 * @param outcome    what came of it
 * @param reason     why there is no image: failed, refused, not_configured, circuit_open,
 *                   queue_timeout, storage_failed; null on success
 * @param message    the readable account of a failure, null on success
 * @param durationMs how long the try took
 * @param modelUsed  the model that drew, on success
 * @param imageId    the stored image's id, once stored
 * @param imageUrl   the stored image's URL, once stored
 */
public record ProviderAttempt(String provider, Outcome outcome, String reason, String message, long durationMs,
                              String modelUsed, String imageId, String imageUrl) {

    public enum Outcome { SUCCESS, REFUSED, FAILED, UNAVAILABLE, STORAGE_FAILED }

    public boolean drew() {
        return outcome == Outcome.SUCCESS;
    }

    ProviderAttempt stored(String id, String url) {
        return new ProviderAttempt(provider, outcome, reason, message, durationMs, modelUsed, id, url);
    }

    ProviderAttempt storageFailed(String why) {
        return new ProviderAttempt(provider, Outcome.STORAGE_FAILED, "storage_failed", why, durationMs, modelUsed, null, null);
    }

    /** The provider's name as people write it. */
    public String displayName() {
        return RoutingDecision.GIGACHAT.equals(provider) ? "GigaChat" : "YandexART";
    }
}
