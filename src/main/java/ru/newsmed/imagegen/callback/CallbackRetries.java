package ru.newsmed.imagegen.callback;

import java.io.IOException;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.model.errorhandler.DefaultErrorHandlerDefinition;
import org.apache.camel.reifier.errorhandler.ErrorHandlerReifier;
import org.apache.camel.spi.Policy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Camel's redelivery around one callback delivery, as a {@code policy}: the block (headers, body,
 * the POST, the judging of the answer) runs again after a {@link CallbackFailedException} or an
 * I/O error, {@code IMAGE_CALLBACK_MAX_ATTEMPTS} attempts in all, waiting
 * {@code IMAGE_CALLBACK_RETRY_DELAY_MS}, then twice as long each time (with jitter), up to
 * {@code IMAGE_CALLBACK_MAX_DELAY_MS}. Anything else fails at once. The attempts are counted in the
 * variable {@value #ATTEMPTS}; the last failure leaves the block as a fresh one, for the route's
 * doCatch (not marked as handled by an error handler, which would mislead one of a caller's).
 */
@Component("imagegenCallbackRetries")
public class CallbackRetries implements Policy {

    public static final String ATTEMPTS = "callbackAttempts";
    private static final Logger LOG = LoggerFactory.getLogger(CallbackRetries.class);

    private final CallbackSettings settings;

    public CallbackRetries(CallbackSettings settings) {
        this.settings = settings;
    }

    @Override
    public void beforeWrap(Route route, NamedNode definition) {
        // nothing to adjust
    }

    @Override
    public Processor wrap(Route route, Processor block) {
        DefaultErrorHandlerDefinition redelivery = new DefaultErrorHandlerDefinition()
                .maximumRedeliveries(settings.maxAttempts() - 1).redeliveryDelay(settings.retryDelayMs())
                .useExponentialBackOff().backOffMultiplier(2).useCollisionAvoidance()
                .maximumRedeliveryDelay(settings.maxDelayMs())
                .logRetryAttempted(false).logStackTrace(false).logExhausted(false).logExhaustedMessageHistory(false);
        redelivery.setRetryWhilePredicate(this::worthAnotherAttempt);
        try {
            return new FreshFailure(ErrorHandlerReifier.reifier(route, redelivery).createErrorHandler(new Counted(block)));
        } catch (Exception e) {
            throw new IllegalStateException("Could not set up the callback retries", e);
        }
    }

    private boolean worthAnotherAttempt(Exchange exchange) {
        Exception failure = exchange.getException();
        boolean retryable = failure instanceof CallbackFailedException || exchange.getException(IOException.class) != null;
        int attempts = exchange.getVariable(ATTEMPTS, 0, Integer.class);
        boolean again = retryable && attempts < settings.maxAttempts();
        if (again) {
            LOG.info("Callback attempt {} of {} failed: {}; trying again", attempts, settings.maxAttempts(), failure.getMessage());
        }
        return again;
    }

    /** Counts each run of the block in the variable {@value #ATTEMPTS}. */
    private static final class Counted extends DelegateAsyncProcessor {

        Counted(Processor block) {
            super(block);
        }

        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            exchange.setVariable(ATTEMPTS, exchange.getVariable(ATTEMPTS, 0, Integer.class) + 1);
            return processor.process(exchange, callback);
        }
    }

    /** The last failure as a fresh one: Camel's redelivery, giving up, marks it failure-handled and exhausted. */
    private static final class FreshFailure extends DelegateAsyncProcessor {

        FreshFailure(Processor retried) {
            super(retried);
        }

        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            exchange.setVariable(ATTEMPTS, 0);
            return processor.process(exchange, doneSync -> {
                if (exchange.getException() != null) {
                    exchange.getExchangeExtension().setFailureHandled(false);
                    exchange.getExchangeExtension().setRedeliveryExhausted(false);
                    exchange.getExchangeExtension().setErrorHandlerHandled(null);
                }
                callback.done(doneSync);
            });
        }
    }
}
