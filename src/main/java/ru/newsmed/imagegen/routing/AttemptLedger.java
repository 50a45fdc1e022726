package ru.newsmed.imagegen.routing;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;

/**
 * The account of a request's provider attempts: an immutable list in the exchange property
 * {@code attempts}, replaced whole at each change (both mode's branches each keep their own copy
 * until the split gathers them).
 */
final class AttemptLedger {

    static final String ATTEMPTS = "attempts";

    private AttemptLedger() {
    }

    @SuppressWarnings("unchecked")
    static List<ProviderAttempt> of(Exchange exchange) {
        List<ProviderAttempt> attempts = exchange.getProperty(ATTEMPTS, List.class);
        return attempts == null ? List.of() : attempts;
    }

    static ProviderAttempt last(Exchange exchange) {
        List<ProviderAttempt> attempts = of(exchange);
        return attempts.get(attempts.size() - 1);
    }

    static void set(Exchange exchange, List<ProviderAttempt> attempts) {
        exchange.setProperty(ATTEMPTS, List.copyOf(attempts));
    }

    static void add(Exchange exchange, ProviderAttempt attempt) {
        List<ProviderAttempt> attempts = new ArrayList<>(of(exchange));
        attempts.add(attempt);
        set(exchange, attempts);
    }

    static void replaceLast(Exchange exchange, ProviderAttempt attempt) {
        List<ProviderAttempt> attempts = new ArrayList<>(of(exchange));
        attempts.set(attempts.size() - 1, attempt);
        set(exchange, attempts);
    }
}
