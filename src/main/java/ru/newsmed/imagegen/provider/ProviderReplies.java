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
 * longer than {@code IMAGE_RETRY_AFTER_MAX}, which makes it a failure; an I/O error or timeout is
 * retryable; an error body is quoted briefly when it has no message.
 */
public abstract class ProviderReplies {

    /**
     * Where the routes keep Camel's redelivery counter during a call. camel-http starts its reply
     * message (status first) before it reads the body; when the body then fails to read (a
     * malformed chunk), the request's headers never reach that message, the counter among them.
     */
    public static final String KEPT_REDELIVERY_COUNTER = "providerRedeliveryCounter";
    private static final int QUOTED_BODY = 200;

    private final Duration retryAfterMax;
    private final Clock clock = Clock.systemUTC();

    protected ProviderReplies(String retryAfterMax) {
        this.retryAfterMax = DurationStyle.detectAndParse(retryAfterMax, ChronoUnit.SECONDS);
    }

    /** The name of the call in messages, such as "GigaChat chat" or "YandexART poll". */
    protected abstract String callName(Exchange exchange);

    /**
     * Turns a connection failure or a timeout of a call into a retryable failure. Camel's
     * redelivery counter is put back first: without it every retry would count from zero again
     * and a call whose body always breaks off would be retried without end.
     */
    public void ioFailure(Exchange exchange) {
        Integer redeliveries = exchange.getProperty(KEPT_REDELIVERY_COUNTER, Integer.class);
        if (redeliveries != null) {
            exchange.getMessage().setHeader(Exchange.REDELIVERY_COUNTER, redeliveries);
        }
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String what = cause == null ? "an I/O error" : cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")");
        throw new RetryableProviderException(callName(exchange) + " failed: " + what, cause);
    }

    /** Fails so that the call is retried, after the provider's Retry-After when it gave one within the cap. */
    protected RuntimeException retryable(Exchange exchange, String detail) {
        Optional<Duration> wait = RetryAfter.parse(exchange.getMessage().getHeader("Retry-After", String.class), clock);
        if (wait.isPresent() && wait.get().compareTo(retryAfterMax) > 0) {
            return new ProviderFailedException(detail + " and asked to wait " + wait.get().toSeconds()
                    + " s, longer than IMAGE_RETRY_AFTER_MAX (" + retryAfterMax.toSeconds() + " s)");
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
