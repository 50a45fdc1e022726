package ru.newsmed.imagegen.prompt;

/**
 * A prompt ready for a provider.
 *
 * @param given      the prompt as the client gave it
 * @param sanitized  with its control characters and the stop words removed
 * @param enrichment the photorealistic instructions appended to it
 */
public record PreparedPrompt(String given, String sanitized, String enrichment) {

    /** The text sent to the provider: the sanitised prompt followed by the enrichment. */
    public String text() {
        if (enrichment.isEmpty()) {
            return sanitized;
        }
        return sanitized.replaceAll("[\\s.]+$", "") + ". " + enrichment;
    }
}
