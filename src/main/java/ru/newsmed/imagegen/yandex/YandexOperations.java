package ru.newsmed.imagegen.yandex;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.errors.ApiException;
import ru.newsmed.imagegen.errors.ContentRefusedException;
import ru.newsmed.imagegen.errors.ErrorCode;
import ru.newsmed.imagegen.errors.ProviderFailedException;
import ru.newsmed.imagegen.api.RequestDeadline;

/**
 * Follows a YandexART operation: takes its id from the start reply, spaces the polls by
 * {@code YC_POLL_INTERVAL} within {@code YC_GENERATION_TIMEOUT}, and reads each poll: not done yet,
 * done with {@code response.image} (base64 JPEG, decoded into the body), or an {@code error} (a
 * refusal when it says the terms of use, else a failure). The image is decoded from the reply's
 * bytes as they are parsed, never held as a 2 MB string first (about 5 MB less heap per answer of
 * a 1.6 MB image, the benchmark's memory figure).
 */
@Component("imagegenYandexOperations")
public class YandexOperations {

    public static final String ID = "yandexOperation";
    public static final String DONE = "yandexDone";
    static final String DEADLINE = "yandexDeadline";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    /** Standard base64 as YandexART sends it; the padding may be left out, as the JDK's decoder allows. */
    private static final Base64Variant IMAGE_BASE64 =
            Base64Variants.MIME_NO_LINEFEEDS.withReadPadding(Base64Variant.PaddingReadBehaviour.PADDING_ALLOWED);

    /** A poll's reply, as far as it matters here: {@code image} arrives decoded. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Operation(boolean done, JsonNode error, Response response) {

        @JsonIgnoreProperties(ignoreUnknown = true)
        record Response(byte[] image) {
        }

        byte[] image() {
            return response == null ? null : response.image();
        }
    }

    private final YandexSettings settings;
    private final ObjectMapper objectMapper;
    private final ObjectReader operations;
    private final Clock clock = Clock.systemUTC();

    public YandexOperations(YandexSettings settings, ObjectMapper objectMapper) {
        this.settings = settings;
        this.objectMapper = objectMapper;
        this.operations = objectMapper.readerFor(Operation.class).with(IMAGE_BASE64);
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
        Operation operation = readOperation(exchange.getMessage().getBody(byte[].class), id);
        JsonNode error = operation.error();
        if (error != null && error.isObject() && !error.isEmpty()) {
            String message = error.path("message").asText("");
            String detail = "YandexART operation " + id + " ended with error code " + error.path("code").asText("?")
                    + (message.isEmpty() ? "" : ": " + message);
            throw YandexReplies.isRefusal(message) ? new ContentRefusedException("YandexART refused the prompt: " + message)
                    : new ProviderFailedException(detail);
        }
        byte[] image = operation.image();
        if (operation.done() || image != null) {
            if (image == null || image.length == 0) {
                throw new ProviderFailedException("YandexART operation " + id + " finished without an image");
            }
            exchange.getMessage().setBody(image);
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

    private Operation readOperation(byte[] body, String id) {
        String what = "YandexART answered the poll of operation " + id + " with something that is not ";
        if (body == null || body.length == 0) {
            throw new ProviderFailedException(what + "a JSON object");
        }
        try {
            Operation operation = operations.readValue(body);
            if (operation == null) {
                throw new ProviderFailedException(what + "a JSON object");
            }
            return operation;
        } catch (StreamReadException e) {
            throw new ProviderFailedException(what + "JSON");
        } catch (JsonMappingException e) {
            boolean atImage = !e.getPath().isEmpty() && "image".equals(e.getPath().get(e.getPath().size() - 1).getFieldName());
            throw new ProviderFailedException(atImage ? "YandexART operation " + id + " sent an image that is not valid base64"
                    : what + "a JSON object");
        } catch (IOException e) {
            throw new ProviderFailedException(what + "JSON");
        }
    }
}
