package ru.newsmed.imagegen.yandex;

import java.io.IOException;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.errors.ContentRefusedException;
import ru.newsmed.imagegen.errors.ProviderFailedException;
import ru.newsmed.imagegen.errors.RetryableProviderException;
import ru.newsmed.imagegen.provider.ProviderReplies;

/**
 * Judges the HTTP answer of a YandexART call (the start or a poll): 429 and 5xx are retried (after
 * {@code Retry-After} when sent), and so is a poll whose 200 is not JSON; 400, 401, 403 and the
 * rest are final, and a 400 saying the request may violate the terms of use is a refusal. Error
 * bodies come flat ({@code {"error": "...", "code", "message"}}), nested ({@code {"error":
 * {"message", "httpCode", ...}}}) or not as JSON at all; each becomes a readable message.
 */
@Component("imagegenYandexReplies")
public class YandexReplies extends ProviderReplies {

    static final String POLL = "YandexART poll";

    private final ObjectMapper objectMapper;

    public YandexReplies(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    /**
     * Judges the answer of {@code call} ("YandexART start" or "YandexART poll"): its body, read
     * once (camel-http may hand it over as a stream), when it is one to go on with.
     */
    public byte[] check(Exchange exchange, String call, String retryAfterMax) {
        int status = status(exchange);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (status >= 200 && status < 300) {
            if (POLL.equals(call)) {
                requireReadablePoll(body);
            }
            return body;
        }
        String message = errorMessage(body);
        String detail = call + " answered HTTP " + status + (message.isEmpty() ? "" : ": " + message);
        if (status == 400 && isRefusal(message)) {
            throw new ContentRefusedException("YandexART refused the prompt: " + message);
        }
        if (status == 429 || status >= 500) {
            throw retryable(exchange, detail, retryAfterMax);
        }
        if (status == 401 || status == 403) {
            throw new ProviderFailedException(detail + " (check YC_API_KEY or YC_IAM_TOKEN, YC_FOLDER_ID and the "
                    + "service account's role ai.imageGeneration.user)");
        }
        throw new ProviderFailedException(detail);
    }

    /**
     * A poll answered 200 with something that is not a JSON object (a proxy's page, a cut-off
     * body) is retried: the poll only reads the operation, which goes on regardless, so another
     * attempt costs nothing, where giving up would throw the generation away. (A start is not
     * retried for this: a second start would be a second, paid generation.)
     */
    private void requireReadablePoll(byte[] body) {
        if (!isJsonObject(body)) {
            throw new RetryableProviderException(POLL + " answered HTTP 200 with something that is not JSON");
        }
    }

    /**
     * Whether the body is one whole JSON object, checked by walking its tokens: a done poll carries
     * a 2 MB base64 image, which must not be built into a tree here only to be parsed again.
     */
    private boolean isJsonObject(byte[] body) {
        if (body == null || body.length == 0) {
            return false;
        }
        try (JsonParser parser = objectMapper.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            parser.skipChildren();
            return true;
        } catch (IOException notJson) {
            return false;
        }
    }

    /** YandexART's moderation answer: the request "may violate the terms of use". */
    static boolean isRefusal(String message) {
        String text = message.toLowerCase(Locale.ROOT);
        return text.contains("violate the terms of use") || text.contains("нарушать условия использования");
    }

    /** The readable message of a flat, nested or non-JSON error body. */
    String errorMessage(byte[] body) {
        try {
            JsonNode json = objectMapper.readTree(body);
            JsonNode error = json.path("error");
            String message = error.isObject() ? error.path("message").asText("") : json.path("message").asText("");
            if (message.isEmpty() && error.isTextual()) {
                message = error.asText();
            }
            if (!message.isEmpty()) {
                return message;
            }
        } catch (IOException | RuntimeException notJson) {
            // quote the start of the body instead
        }
        return quote(body);
    }
}
