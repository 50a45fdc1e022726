package ru.newsmed.imagegen.provider;

import java.util.Locale;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * What crosses camel-http between a Kamelet and its provider, named rather than guessed: out, only
 * the request headers the providers take (GigaChat's Authorization, RqUID, X-Client-ID,
 * X-Request-ID; YandexART's Authorization and x-client-request-id; Accept); back, only
 * {@code Retry-After}. So no header of a caller (a REST client's, a host's secret, Camel's own)
 * reaches a provider, and no header of an answer lands on the message, without clearing the
 * message around each call. The Content-Type of a request goes with its body, as camel-http sends it.
 */
@Component("imagegenProviderHeaderFilter")
public class ProviderHeaderFilter implements HeaderFilterStrategy {

    private static final Set<String> SENT =
            Set.of("authorization", "accept", "rquid", "x-client-id", "x-request-id", "x-client-request-id");
    private static final Set<String> RECEIVED = Set.of("retry-after");

    @Override
    public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
        return !SENT.contains(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
        return !RECEIVED.contains(name.toLowerCase(Locale.ROOT));
    }
}
