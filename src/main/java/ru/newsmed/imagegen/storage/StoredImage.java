package ru.newsmed.imagegen.storage;

/**
 * Where a stored image lives.
 *
 * @param id        its UUID; the provenance record is {@code <id>.json}
 * @param name      {@code <id>.jpeg} or {@code <id>.png}
 * @param url       its public URL ({@code IMAGE_PUBLIC_BASE_URL}/name)
 * @param mediaType image/jpeg or image/png
 * @param provider  who made it: gigachat, yandex or upload
 * @param modelUsed the model that drew it; null for an upload
 */
public record StoredImage(String id, String name, String url, String mediaType, String provider, String modelUsed) {
}
