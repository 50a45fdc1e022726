package ru.newsmed.imagegen.callback;

import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * What crosses camel-http between a callback and its receiver: out, only the signature (the
 * Content-Type goes with the body, as camel-http sends it); back, no header at all. So no header
 * of a caller (a REST client's, a key, Camel's own) reaches a receiver, and nothing a receiver
 * answers lands on the message.
 */
@Component("imagegenCallbackHeaderFilter")
public class CallbackHeaderFilter implements HeaderFilterStrategy {

    @Override
    public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
        return !CallbackSignature.HEADER.equalsIgnoreCase(name);
    }

    @Override
    public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
        return true;
    }
}
