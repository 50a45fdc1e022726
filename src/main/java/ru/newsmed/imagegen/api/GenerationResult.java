package ru.newsmed.imagegen.api;

import java.util.Map;

import ru.newsmed.imagegen.storage.StoredImage;

/**
 * What a generation ends with, for its answer.
 *
 * @param image        the stored image that answers the request
 * @param fallbackUsed whether it came from another provider than the one tried first
 * @param comparison   both mode's side-by-side account of the two providers; null otherwise
 */
public record GenerationResult(StoredImage image, boolean fallbackUsed, Map<String, Object> comparison) {
}
