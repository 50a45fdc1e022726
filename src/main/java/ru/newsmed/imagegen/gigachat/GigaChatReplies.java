package ru.newsmed.imagegen.gigachat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.api.ProviderFailedException;
import ru.newsmed.imagegen.api.RetryableProviderException;
import ru.newsmed.imagegen.provider.RetryAfter;

/**
 * Judges the HTTP answer of a GigaChat chat or download call: 429, 5xx and I/O errors are worth a
 * retry (after the provider's {@code Retry-After} when it sends one, up to
 * {@code IMAGE_RETRY_AFTER_MAX}); 402, 400, 401, 403, 404, 422 are final.
 */
@Component("gigachatReplies")
public class GigaChatReplies {

    /** The exchange property naming the call in messages: "chat" or "download". */
    public static final String CALL = "gigachatCall";
    private static final int QUOTED_BODY = 200;

    private final ObjectMapper objectMapper;
    private final Duration retryAfterMax;
    private final Clock clock = Clock.systemUTC();

    public GigaChatReplies(ObjectMapper objectMapper, @Value("${image.retry-after-max}") String retryAfterMax) {
        this.objectMapper = objectMapper;
        this.retryAfterMax = DurationStyle.detectAndParse(retryAfterMax, java.time.temporal.ChronoUnit.SECONDS);
    }

    public void check(Exchange exchange) {
        exchange.getMessage().removeHeader(Exchange.REDELIVERY_DELAY);
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status >= 200 && status < 300) {
            return;
        }
        String call = "GigaChat " + exchange.getProperty(CALL, "call", String.class);
        String detail = call + " answered HTTP " + status + errorMessage(exchange.getMessage().getBody(byte[].class));
        if (status == 429 || status >= 500) {
            Optional<Duration> wait = RetryAfter.parse(exchange.getMessage().getHeader("Retry-After", String.class), clock);
            if (wait.isPresent() && wait.get().compareTo(retryAfterMax) > 0) {
                throw new ProviderFailedException(detail + " and asked to wait " + wait.get().toSeconds()
                        + " s, longer than IMAGE_RETRY_AFTER_MAX (" + retryAfterMax.toSeconds() + " s)");
            }
            wait.ifPresent(delay -> exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, delay.toMillis()));
            throw new RetryableProviderException(detail);
        }
        if (status == 402) {
            throw new ProviderFailedException(detail + " (the account's tokens are spent; retrying cannot help)");
        }
        if (status == 401) {
            throw new ProviderFailedException(detail + " even with a freshly fetched access token");
        }
        throw new ProviderFailedException(detail);
    }

    /** Turns a connection failure or a timeout of a call into a retryable failure. */
    public void ioFailure(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String call = "GigaChat " + exchange.getProperty(CALL, "call", String.class);
        String what = cause == null ? "an I/O error" : cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")");
        throw new RetryableProviderException(call + " failed: " + what, cause);
    }

    private String errorMessage(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        try {
            JsonNode json = objectMapper.readTree(body);
            String message = json.path("message").asText("");
            if (!message.isEmpty()) {
                return ": " + message;
            }
        } catch (IOException | RuntimeException notJson) {
            // quote the start of the body instead
        }
        String text = new String(body, 0, Math.min(body.length, QUOTED_BODY), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ").strip();
        return text.isEmpty() ? "" : ": " + text;
    }
}
