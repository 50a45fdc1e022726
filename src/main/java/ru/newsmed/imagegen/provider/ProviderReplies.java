package ru.newsmed.imagegen.provider;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.springframework.boot.convert.DurationStyle;
import ru.newsmed.imagegen.errors.ProviderFailedException;
import ru.newsmed.imagegen.errors.RetryableProviderException;

/**
 * What the two providers' answer checks share: a retryable answer waits the provider's
 * {@code Retry-After} (carried to Camel's redelivery in {@code CamelRedeliveryDelay}) unless it is
 * longer than the caller's cap ({@code IMAGE_RETRY_AFTER_MAX}, a Kamelet's {@code retryAfterMax}),
 * which makes it a failure; an I/O error or timeout is retryable; an error body is quoted briefly
 * when it has no message. The call is named by the route that makes it ("GigaChat chat").
 */
public abstract class ProviderReplies {

    private static final int QUOTED_BODY = 200;

    private final Clock clock = Clock.systemUTC();

    /**
     * Turns a connection failure or a timeout of a call into a retryable failure, and takes the
     * request's headers (its credentials among them) off the message first.
     */
    public void ioFailure(Exchange exchange, String call) {
        exchange.getIn().removeHeaders("*", "ImageGen*", "CamelRedelivery*");
        exchange.getMessage().removeHeaders("*", "ImageGen*", "CamelRedelivery*");
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String what = cause == null ? "an I/O error" : cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")");
        throw new RetryableProviderException(call + " failed: " + what, cause);
    }

    /** Fails so that the call is retried, after the provider's Retry-After when it gave one within the cap. */
    protected RuntimeException retryable(Exchange exchange, String detail, String retryAfterMax) {
        Duration cap = DurationStyle.detectAndParse(retryAfterMax, ChronoUnit.SECONDS);
        Optional<Duration> wait = RetryAfter.parse(exchange.getMessage().getHeader("Retry-After", String.class), clock);
        if (wait.isPresent() && wait.get().compareTo(cap) > 0) {
            return new ProviderFailedException(detail + " and asked to wait " + wait.get().toSeconds()
                    + " s, longer than IMAGE_RETRY_AFTER_MAX (" + cap.toSeconds() + " s)");
        }
        wait.ifPresent(delay -> exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, delay.toMillis()));
        return new RetryableProviderException(detail);
    }

    /** The status of the answer, after dropping a delay left over from an earlier answer. */
    protected static int status(Exchange exchange) {
        exchange.getMessage().removeHeader(Exchange.REDELIVERY_DELAY);
        return exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
    }

    /** The start of a body that carried no readable message, on one line. */
    protected static String quote(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        return new String(body, 0, Math.min(body.length, QUOTED_BODY), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ").strip();
    }
}
