package ru.newsmed.imagegen.prompt;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.api.GenerateRequest;

/**
 * Removes the words that fight photorealism ({@code IMAGE_PROMPT_STOP_WORDS}: whole words, case
 * ignored; a trailing {@code *} matches any ending, so {@code мультяшн*} takes every form) and
 * appends the photorealistic instructions ({@code IMAGE_PROMPT_ENRICHMENT}). A prompt made only of
 * stop words is kept as given rather than sent empty.
 */
@Component("imagegenPromptSanitizer")
public class PromptSanitizer {

    private final Pattern stopWords;
    private final String enrichment;

    public PromptSanitizer(@Value("${imagegen.prompt.stop-words:}") List<String> stopWords,
                           @Value("${imagegen.prompt.enrichment:}") String enrichment) {
        this.stopWords = compile(stopWords);
        this.enrichment = enrichment == null ? "" : enrichment.strip();
    }

    public PreparedPrompt prepare(String prompt) {
        return prepare(prompt, prompt);
    }

    /** The request's prompt (cleaned of control characters) for the provider, and as given for the record. */
    public PreparedPrompt prepare(GenerateRequest request) {
        return prepare(request.prompt(), request.promptGiven());
    }

    private PreparedPrompt prepare(String prompt, String given) {
        String cleaned = prompt.strip();
        String sanitized = stopWords == null ? cleaned : tidy(stopWords.matcher(cleaned).replaceAll(" "));
        return new PreparedPrompt(given.strip(), sanitized.isEmpty() ? cleaned : sanitized, enrichment);
    }

    private static Pattern compile(List<String> words) {
        String alternatives = words.stream()
                .map(String::strip)
                .filter(word -> !word.isEmpty() && !word.equals("*"))
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(word -> word.endsWith("*")
                        ? Pattern.quote(word.substring(0, word.length() - 1)) + "[\\p{L}\\p{N}]*"
                        : Pattern.quote(word))
                .collect(Collectors.joining("|"));
        if (alternatives.isEmpty()) {
            return null;
        }
        return Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + alternatives + ")(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** Folds the gaps and stray punctuation the removed words leave behind. */
    private static String tidy(String text) {
        return text.replaceAll("\\s+", " ")
                .replaceAll(" ([,.;:!?])", "$1")
                .replaceAll("([,;:])(?:[ ,;:]*[,;:])+", "$1")
                .replaceAll("^[ ,;:.]+|[ ,;:]+$", "")
                .replaceAll("[,;:]+(?=[.!?]$)", "")
                .strip();
    }
}
