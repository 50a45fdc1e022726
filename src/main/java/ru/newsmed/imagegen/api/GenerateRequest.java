package ru.newsmed.imagegen.api;

/**
 * A validated generate request.
 *
 * @param prompt            the prompt to draw: without control and bidirectional format
 *                          characters ({@link ru.newsmed.imagegen.prompt.PromptCharacters}), trimmed
 * @param promptGiven       the prompt as the client gave it (trimmed), for the provenance record
 * @param widthRatio        1 or 2
 * @param heightRatio       1 or 2
 * @param seed              0..2^63-1, or null for a random one
 * @param provider          gigachat, yandex, both, or null to follow the configured routing
 * @param styleInstructions extra style for the system message (cleaned like the prompt), or null
 */
public record GenerateRequest(String prompt, String promptGiven, int widthRatio, int heightRatio, Long seed,
                              String provider, String styleInstructions) {
}
