package ru.newsmed.imagegen.api;

/**
 * A validated generate request.
 *
 * @param prompt            the prompt as given, trimmed
 * @param widthRatio        1 or 2
 * @param heightRatio       1 or 2
 * @param seed              0..2^63-1, or null for a random one
 * @param provider          gigachat, yandex, both, or null to follow the configured routing
 * @param styleInstructions extra style for the system message, or null
 */
public record GenerateRequest(String prompt, int widthRatio, int heightRatio, Long seed,
                              String provider, String styleInstructions) {
}
