package ru.newsmed.imagegen.yandex;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.api.ApiException;
import ru.newsmed.imagegen.api.ContentRefusedException;
import ru.newsmed.imagegen.api.ErrorCode;
import ru.newsmed.imagegen.api.ProviderFailedException;
import ru.newsmed.imagegen.api.RequestDeadline;

/**
 * Follows a YandexART operation: takes its id from the start reply, spaces the polls by
 * {@code YC_POLL_INTERVAL} within {@code YC_GENERATION_TIMEOUT}, and reads each poll: not done yet,
 * done with {@code response.image} (base64 JPEG, decoded into the body), or an {@code error} (a
 * refusal when it says the terms of use, else a failure).
 */
@Component("yandexOperations")
public class YandexOperations {

    public static final String ID = "yandexOperation";
    public static final String DONE = "yandexDone";
    static final String DEADLINE = "yandexDeadline";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private final YandexSettings settings;
    private final ObjectMapper objectMapper;
    private final Clock clock = Clock.systemUTC();

    public YandexOperations(YandexSettings settings, ObjectMapper objectMapper) {
        this.settings = settings;
        this.objectMapper = objectMapper;
    }

    /** The operation id of the start reply (only a plain token: it becomes part of a URL); starts the clock. */
    public String started(byte[] reply, Exchange exchange) {
        String id = read(reply, "start").path("id").asText("");
        if (!SAFE_ID.matcher(id).matches()) {
            throw new ProviderFailedException("YandexART answered the start without a usable operation id");
        }
        exchange.setProperty(DEADLINE, clock.instant().plus(settings.generationTimeout()));
        exchange.setProperty(DONE, false);
        return id;
    }

    /** Milliseconds to wait before the next poll: the interval, or what is left of the generation timeout. */
    public long nextPollDelay(@ExchangeProperty(DEADLINE) Instant deadline) {
        long left = Duration.between(clock.instant(), deadline).toMillis();
        return Math.max(0, Math.min(settings.pollInterval().toMillis(), left));
    }

    /**
     * Reads a poll's reply. Done: the body becomes the image bytes and {@code yandexDone} true.
     * Pending past the deadline, or the request given up: a timeout failure naming the operation.
     */
    public void poll(Exchange exchange) {
        String id = exchange.getProperty(ID, String.class);
        JsonNode operation = read(exchange.getMessage().getBody(byte[].class), "poll of operation " + id);
        JsonNode error = operation.path("error");
        if (error.isObject() && !error.isEmpty()) {
            String message = error.path("message").asText("");
            String detail = "YandexART operation " + id + " ended with error code " + error.path("code").asText("?")
                    + (message.isEmpty() ? "" : ": " + message);
            throw YandexReplies.isRefusal(message) ? new ContentRefusedException("YandexART refused the prompt: " + message)
                    : new ProviderFailedException(detail);
        }
        JsonNode image = operation.path("response").path("image");
        if (operation.path("done").asBoolean(false) || image.isTextual()) {
            if (!image.isTextual() || image.asText().isEmpty()) {
                throw new ProviderFailedException("YandexART operation " + id + " finished without an image");
            }
            exchange.getMessage().setBody(decode(image.asText(), id));
            exchange.setProperty(DONE, true);
            return;
        }
        RequestDeadline request = exchange.getProperty(RequestDeadline.PROPERTY, RequestDeadline.class);
        if (request != null && request.abandoned()) {
            throw new ApiException(ErrorCode.TIMEOUT, "The request timed out; stopped polling YandexART operation " + id);
        }
        Instant deadline = exchange.getProperty(DEADLINE, Instant.class);
        if (!clock.instant().isBefore(deadline)) {
            throw new ProviderFailedException("YandexART operation " + id + " did not finish within "
                    + settings.generationTimeout().toSeconds() + " s (YC_GENERATION_TIMEOUT)");
        }
    }

    private JsonNode read(byte[] body, String what) {
        try {
            JsonNode json = body == null || body.length == 0 ? null : objectMapper.readTree(body);
            if (json == null || !json.isObject()) {
                throw new ProviderFailedException("YandexART answered the " + what + " with something that is not a JSON object");
            }
            return json;
        } catch (IOException e) {
            throw new ProviderFailedException("YandexART answered the " + what + " with something that is not JSON");
        }
    }

    private static byte[] decode(String base64, String id) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new ProviderFailedException("YandexART operation " + id + " sent an image that is not valid base64");
        }
    }
}
