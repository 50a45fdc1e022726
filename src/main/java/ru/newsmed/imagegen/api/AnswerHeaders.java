package ru.newsmed.imagegen.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.errors.ErrorCode;

/**
 * Headers of our own that an answer carries ({@code Idempotent-Replayed}, {@code Location}, and
 * {@code Retry-After} for a 409), kept in the variable {@code answerHeaders} until the answer is written: a
 * REST answer drops every request header (none is echoed back) and then sets these.
 */
@Component("imagegenAnswerHeaders")
public class AnswerHeaders {

    static final String VARIABLE = "answerHeaders";

    /** Keeps {@code name: value} for the answer. */
    public static void add(Exchange exchange, String name, String value) {
        @SuppressWarnings("unchecked")
        Map<String, String> headers = exchange.getVariable(VARIABLE, Map.class);
        if (headers == null) {
            headers = new LinkedHashMap<>();
            exchange.setVariable(VARIABLE, headers);
        }
        headers.put(name, value);
    }

    /** Sets the kept headers on the answer; a 409 request_in_progress gets {@code Retry-After: 1}. */
    public void apply(Exchange exchange) {
        @SuppressWarnings("unchecked")
        Map<String, String> headers = exchange.getVariable(VARIABLE, Map.class);
        if (headers != null) {
            headers.forEach(exchange.getMessage()::setHeader);
        }
        if (exchange.getMessage().getBody() instanceof Map<?, ?> body
                && ErrorCode.REQUEST_IN_PROGRESS.code().equals(body.get("error"))) {
            exchange.getMessage().setHeader("Retry-After", "1");
        }
    }
}
