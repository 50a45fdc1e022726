package ru.newsmed.imagegen.yandex;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Variable;
import org.springframework.boot.convert.DurationStyle;
import ru.newsmed.imagegen.errors.ApiException;
import ru.newsmed.imagegen.errors.ContentRefusedException;
import ru.newsmed.imagegen.errors.ErrorCode;
import ru.newsmed.imagegen.errors.ProviderFailedException;
import ru.newsmed.imagegen.api.RequestDeadline;

/**
 * Follows a YandexART operation for the Kamelet: takes its id from the start reply, spaces the
 * polls by {@code pollInterval} within {@code generationTimeout} (each a number of seconds or a
 * duration such as {@code 500ms}), and reads each poll: not done yet, done with
 * {@code response.image} (base64 JPEG, decoded), or an {@code error} (a refusal when it says the
 * terms of use, else a failure). One instance per Kamelet ({@code template.beans}).
 */
public class YandexOperations {

    /** The variable the Kamelet keeps the deadline in between polls. */
    static final String DEADLINE = "yandexartDeadline";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private final Duration pollInterval;
    private final Duration generationTimeout;
    private final String operationsUrl;
    private final YandexOperationReader reader = new YandexOperationReader();
    private final Clock clock = Clock.systemUTC();

    /** The durations are Objects: Camel hands a parameter such as "3" to a constructor as a number. */
    public YandexOperations(Object pollInterval, Object generationTimeout, String operationsUrl) {
        this.pollInterval = DurationStyle.detectAndParse(String.valueOf(pollInterval), ChronoUnit.SECONDS);
        this.generationTimeout = DurationStyle.detectAndParse(String.valueOf(generationTimeout), ChronoUnit.SECONDS);
        this.operationsUrl = operationsUrl.strip().replaceAll("/+$", "");
    }

    /** The operation id of the start reply: only a plain token, since it becomes part of a URL. */
    public String started(byte[] reply) {
        return requireSafe(reader.startedId(reply), "YandexART answered the start without a usable operation id");
    }

    /** Where the operation is polled; only a plain token (as the start gives) may become part of that URL. */
    public String pollUri(@Header("ImageGenOperationId") String id) {
        return operationsUrl + "/" + requireSafe(id == null ? "" : id.strip(), "The operation id to poll is not a YandexART operation id");
    }

    /** When the operation must be done: the generation timeout from now. */
    public Instant deadline() {
        return clock.instant().plus(generationTimeout);
    }

    /** Milliseconds to wait before the next poll: the interval, or what is left of the generation timeout. */
    public long nextPollDelay(@Variable(DEADLINE) Instant deadline) {
        long left = Duration.between(clock.instant(), deadline).toMillis();
        return Math.max(0, Math.min(pollInterval.toMillis(), left));
    }

    /**
     * Reads a poll's reply: the image once the operation is done, null while it runs. An error, a
     * done operation without an image, the deadline passed or the request given up are failures
     * that name the operation.
     */
    public byte[] image(Exchange exchange, @Header("ImageGenOperationId") String id, @Variable(DEADLINE) Instant deadline) {
        YandexOperationReader.Operation operation = reader.poll(exchange.getMessage().getBody(byte[].class), id);
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
            return image;
        }
        RequestDeadline request = exchange.getProperty(RequestDeadline.PROPERTY, RequestDeadline.class);
        if (request != null && request.abandoned()) {
            throw new ApiException(ErrorCode.TIMEOUT, "The request timed out; stopped polling YandexART operation " + id);
        }
        if (!clock.instant().isBefore(deadline)) {
            throw new ProviderFailedException("YandexART operation " + id + " did not finish within "
                    + generationTimeout.toSeconds() + " s (YC_GENERATION_TIMEOUT, the Kamelet's generationTimeout)");
        }
        return null;
    }

    private static String requireSafe(String id, String otherwise) {
        if (!SAFE_ID.matcher(id).matches()) {
            throw new ProviderFailedException(otherwise);
        }
        return id;
    }
}
