package ru.newsmed.imagegen.yandex;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.api.GenerateRequest;
import ru.newsmed.imagegen.errors.ProviderUnavailableException;
import ru.newsmed.imagegen.api.RequestGuard;
import ru.newsmed.imagegen.prompt.PreparedPrompt;

/**
 * Writes YandexART's start request: the model URI of the folder, JPEG, the seed and the aspect
 * ratio (64-bit numbers as JSON strings), and one message of at most 500 characters.
 */
@Component("imagegenYandexRequests")
public class YandexRequests {

    /** YandexART takes at most this many characters of text. */
    static final int MAX_TEXT = 500;
    private static final Logger LOG = LoggerFactory.getLogger(YandexRequests.class);

    private final YandexSettings settings;
    private final ObjectMapper objectMapper;

    public YandexRequests(YandexSettings settings, ObjectMapper objectMapper) {
        this.settings = settings;
        this.objectMapper = objectMapper;
    }

    /** Fails with provider_unavailable, naming the variables, while YandexART is not configured. */
    public void requireConfigured() {
        if (!settings.configured()) {
            throw new ProviderUnavailableException(ProviderUnavailableException.Reason.NOT_CONFIGURED,
                    "YandexART is not configured: set " + settings.missing());
        }
    }

    /** The value of every call's Authorization header. */
    public String authorization() {
        return settings.authorization();
    }

    /**
     * The text sent: the sanitised prompt and the enrichment within 500 characters. The enrichment
     * gives way first (cut at a word, or dropped); a prompt that alone is longer is cut at a word
     * boundary, and the log says so.
     */
    public String text(@ExchangeProperty("preparedPrompt") PreparedPrompt prompt,
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

    /** The start call's body. */
    public String start(@ExchangeProperty("generateRequest") GenerateRequest request,
                        @ExchangeProperty("promptSent") String text) throws JsonProcessingException {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("mimeType", "image/jpeg");
        if (request.seed() != null) {
            options.put("seed", String.valueOf(request.seed()));
        }
        options.put("aspectRatio", Map.of(
                "widthRatio", String.valueOf(request.widthRatio()),
                "heightRatio", String.valueOf(request.heightRatio())));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("modelUri", "art://" + settings.folderId().strip() + "/yandex-art/latest");
        body.put("generationOptions", options);
        body.put("messages", List.of(Map.of("weight", "1", "text", text)));
        return objectMapper.writeValueAsString(body);
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
