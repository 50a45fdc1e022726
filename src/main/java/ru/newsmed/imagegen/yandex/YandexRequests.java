package ru.newsmed.imagegen.yandex;

import org.apache.camel.ExchangeProperty;
import org.apache.camel.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.api.RequestGuard;
import ru.newsmed.imagegen.prompt.PreparedPrompt;

/**
 * Fits the service's prompt into the one message YandexART takes, at most 500 characters: the
 * enrichment gives way before the prompt does. (The Kamelet writes the start request itself.)
 */
@Component("imagegenYandexRequests")
public class YandexRequests {

    /** YandexART takes at most this many characters of text. */
    static final int MAX_TEXT = 500;
    private static final Logger LOG = LoggerFactory.getLogger(YandexRequests.class);

    /**
     * The text sent: the sanitised prompt and the enrichment within 500 characters. The enrichment
     * gives way first (cut at a word, or dropped); a prompt that alone is longer is cut at a word
     * boundary, and the log says so.
     */
    public String text(@Variable("prompt") PreparedPrompt prompt,
                       @ExchangeProperty(RequestGuard.REQUEST_ID) String requestId) {
        String full = prompt.text();
        if (full.length() <= MAX_TEXT) {
            return full;
        }
        String own = prompt.sanitized().replaceAll("[\\s.]+$", "");
        if (own.length() > MAX_TEXT) {
            String cut = cutAtWord(own, MAX_TEXT);
            LOG.info("Request {}: the prompt of {} characters was cut to {} for YandexART's limit of {}",
                    requestId, own.length(), cut.length(), MAX_TEXT);
            return cut;
        }
        String enrichment = cutAtWord(prompt.enrichment(), MAX_TEXT - own.length() - 2).replaceAll("[\\s,;:]+$", "");
        return enrichment.isEmpty() ? own : own + ". " + enrichment;
    }

    /** The longest start of {@code text} within {@code limit} characters that ends at a word boundary. */
    static String cutAtWord(String text, int limit) {
        if (limit <= 0) {
            return "";
        }
        if (text.length() <= limit) {
            return text;
        }
        int end = limit;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        if (!Character.isLetterOrDigit(text.charAt(end))) {
            return text.substring(0, end).strip();
        }
        int space = text.lastIndexOf(' ', end);
        return (space > 0 ? text.substring(0, space) : text.substring(0, end)).strip();
    }
}
