package ru.newsmed.imagegen.provider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.processor.DelegateAsyncProcessor;

/** What {@link ProviderRetries} puts around its block besides Camel's redelivery: the block's own budget. */
final class RetryBudget {

    /** Camel's redelivery headers: its counter of failed attempts, and a delay for the next one. */
    static final List<String> COUNTERS =
            List.of(Exchange.REDELIVERY_COUNTER, Exchange.REDELIVERED, Exchange.REDELIVERY_MAX_COUNTER, Exchange.REDELIVERY_DELAY);
    /** The counter an attempt started with, put back when the attempt's failure lost it (see {@link KeptCounter}). */
    static final String KEPT_COUNTER = "imagegenRetriesCounter";

    private RetryBudget() {
    }

    /** Forgets what the block's attempts so far kept in variables. */
    static void forget(Exchange exchange) {
        exchange.removeVariable(KEPT_COUNTER);
        exchange.removeVariable(ProviderRetries.FREE_ATTEMPTS);
    }

    /** A fresh budget for the block; the caller's own redelivery headers back afterwards. */
    static final class OwnBudget extends DelegateAsyncProcessor {

        OwnBudget(Processor retried) {
            super(retried);
        }

        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            Map<String, Object> callers = new LinkedHashMap<>();
            for (String header : COUNTERS) {
                Object value = exchange.getIn().removeHeader(header);
                if (value != null) {
                    callers.put(header, value);
                }
            }
            forget(exchange);
            return processor.process(exchange, doneSync -> {
                COUNTERS.forEach(exchange.getMessage()::removeHeader);
                exchange.getMessage().getHeaders().putAll(callers);
                forget(exchange);
                asFreshFailure(exchange);
                callback.done(doneSync);
            });
        }
    }

    /**
     * Camel's redelivery, giving up, marks the exchange failure-handled (and may mark it exhausted):
     * the Kamelet hands those marks back to its caller with the exception, and the caller's error
     * handler takes them for a failure already dealt with, so its dead letter channel is never
     * called. The block's retries are the Kamelet's own business: what leaves them is a fresh failure.
     */
    private static void asFreshFailure(Exchange exchange) {
        if (exchange.getException() != null) {
            exchange.getExchangeExtension().setFailureHandled(false);
            exchange.getExchangeExtension().setRedeliveryExhausted(false);
            exchange.getExchangeExtension().setErrorHandlerHandled(null);
        }
    }

    /**
     * Keeps Camel's counter across an attempt. camel-http starts its reply message (the status
     * first) before it reads the body; when the body then breaks off (a malformed chunk) the
     * request's headers never reach that message, and without the counter every retry would count
     * from one again: a body that always breaks off would be retried without end.
     */
    static final class KeptCounter extends DelegateAsyncProcessor {

        KeptCounter(Processor block) {
            super(block);
        }

        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            Integer counter = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class);
            if (counter != null) {
                exchange.setVariable(KEPT_COUNTER, counter);
            }
            return processor.process(exchange, doneSync -> {
                Integer kept = exchange.getVariable(KEPT_COUNTER, Integer.class);
                if (exchange.getException() != null && kept != null
                        && exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER) == null) {
                    exchange.getIn().setHeader(Exchange.REDELIVERY_COUNTER, kept);
                }
                callback.done(doneSync);
            });
        }
    }
}
