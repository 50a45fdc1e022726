package ru.newsmed.imagegen.provider;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.Policy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import ru.newsmed.imagegen.errors.ProviderUnavailableException;

/**
 * A Camel {@link Policy} that lets at most {@code maxConcurrent} exchanges into its steps at once
 * (a provider account's concurrent streams); the others wait in arrival order for up to
 * {@code queueTimeout}, then fail as provider_unavailable. Used in a route as
 * {@code policy: {ref: gigachatSlots, steps: [...]}}.
 */
public class ProviderSlots implements Policy {

    private final String provider;
    private final int maxConcurrent;
    private final Semaphore slots;
    private final Duration queueTimeout;

    public ProviderSlots(String provider, int maxConcurrent, Duration queueTimeout) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException(provider + ": the concurrency limit must be at least 1");
        }
        this.provider = provider;
        this.maxConcurrent = maxConcurrent;
        this.slots = new Semaphore(maxConcurrent, true);
        this.queueTimeout = queueTimeout;
    }

    /** Calls holding a slot now. */
    public int inFlight() {
        return maxConcurrent - slots.availablePermits();
    }

    /** Calls waiting for a slot now. */
    public int queued() {
        return slots.getQueueLength();
    }

    @Override
    public void beforeWrap(Route route, NamedNode definition) {
        // nothing to adjust
    }

    @Override
    public Processor wrap(Route route, Processor processor) {
        return new DelegateAsyncProcessor(processor) {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                if (!acquire()) {
                    exchange.setException(new ProviderUnavailableException(ProviderUnavailableException.Reason.QUEUE_TIMEOUT, provider
                            + " had no free slot within " + queueTimeout.toSeconds() + " s (queue timeout)"));
                    callback.done(true);
                    return true;
                }
                return processor.process(exchange, doneSync -> {
                    slots.release();
                    callback.done(doneSync);
                });
            }
        };
    }

    private boolean acquire() {
        try {
            return slots.tryAcquire(queueTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
