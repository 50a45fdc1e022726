package ru.newsmed.imagegen.provider;

import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.model.errorhandler.DefaultErrorHandlerDefinition;
import org.apache.camel.reifier.errorhandler.ErrorHandlerReifier;
import org.apache.camel.spi.Policy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.newsmed.imagegen.errors.RetryableProviderException;

/**
 * Camel's redelivery (its DefaultErrorHandler) around a block of a Kamelet's steps, as a
 * {@code policy}: a Kamelet runs with no error handler of its own, so this is where its retries
 * live. A {@link RetryableProviderException} (429, 5xx, I/O) runs the block again, up to
 * {@code maxRetries} times, with exponential backoff and jitter; a {@code CamelRedeliveryDelay}
 * header (the provider's Retry-After) replaces the backoff for that attempt; a
 * {@link RetryWithFreshCredentials} runs it again once without counting. Anything else fails at once.
 * The block starts with a budget of its own and gives the caller's redelivery headers back
 * afterwards, so an error handler of the caller's around the Kamelet still counts its own attempts.
 * One instance per Kamelet (its {@code template.beans}).
 */
public class ProviderRetries implements Policy {

    /** Attempts so far that did not count against the retries. */
    static final String FREE_ATTEMPTS = "imagegenRetriesFree";
    private static final Logger LOG = LoggerFactory.getLogger(ProviderRetries.class);

    private final int maxRetries;
    private final long initialDelayMs;
    private final long maxDelayMs;

    public ProviderRetries(int maxRetries, long initialDelayMs, long maxDelayMs) {
        this.maxRetries = maxRetries;
        this.initialDelayMs = initialDelayMs;
        this.maxDelayMs = maxDelayMs;
    }

    /** Gives the next call in the block retries of its own (the download after the chat). */
    public void freshBudget(Exchange exchange) {
        RetryBudget.COUNTERS.forEach(exchange.getIn()::removeHeader);
        RetryBudget.forget(exchange);
    }

    @Override
    public void beforeWrap(Route route, NamedNode definition) {
        // nothing to adjust
    }

    @Override
    public Processor wrap(Route route, Processor block) {
        DefaultErrorHandlerDefinition redelivery = new DefaultErrorHandlerDefinition()
                .maximumRedeliveries(maxRetries).redeliveryDelay(initialDelayMs)
                .useExponentialBackOff().backOffMultiplier(2).useCollisionAvoidance().maximumRedeliveryDelay(maxDelayMs)
                .logRetryAttempted(false).logStackTrace(false).logExhausted(false).logExhaustedMessageHistory(false);
        redelivery.setRetryWhilePredicate(this::worthAnotherAttempt);
        try {
            return new RetryBudget.OwnBudget(ErrorHandlerReifier.reifier(route, redelivery)
                    .createErrorHandler(new RetryBudget.KeptCounter(block)));
        } catch (Exception e) {
            throw new IllegalStateException("Could not set up the provider retries", e);
        }
    }

    /**
     * Called with the attempt's failure and Camel's counter of failed attempts, this one included;
     * logs each retry on one line (a failure that is not retried is the caller's to log).
     */
    private boolean worthAnotherAttempt(Exchange exchange) {
        if (!(exchange.getException() instanceof RetryableProviderException failure)) {
            return false;
        }
        int free = exchange.getVariable(FREE_ATTEMPTS, 0, Integer.class);
        int failed = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        if (failure instanceof RetryWithFreshCredentials) {
            // once per call: credentials refused again right after they were renewed are final
            exchange.setVariable(FREE_ATTEMPTS, free + 1);
            if (free == 0) {
                LOG.warn("{}; trying again with fresh credentials", failure.getMessage());
            }
            return free == 0;
        }
        boolean again = failed <= maxRetries + free;
        if (again) {
            LOG.warn("{}; retry {} of {}", failure.getMessage(), failed - free, maxRetries);
        }
        return again;
    }
}
