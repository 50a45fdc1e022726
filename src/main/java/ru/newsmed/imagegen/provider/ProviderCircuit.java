package ru.newsmed.imagegen.provider;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.Policy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.newsmed.imagegen.errors.ApiException;
import ru.newsmed.imagegen.errors.ContentRefusedException;
import ru.newsmed.imagegen.errors.ProviderUnavailableException;

/**
 * A provider's circuit breaker (resilience4j), as a Camel {@link Policy} around the provider's
 * whole flow: {@code policy: {ref: gigachatCircuit, steps: [...]}}. What it counts is the outcome
 * after the provider's own retries: a failure (5xx, I/O, timeouts, 401 after a fresh token, 402,
 * a bad image) counts against it; a refusal, a queue timeout or a missing configuration does not
 * count at all. Once failures reach {@code IMAGE_CIRCUIT_FAILURE_RATE} of the last calls (at least
 * {@code IMAGE_CIRCUIT_MIN_CALLS} of them) the circuit opens for {@code IMAGE_CIRCUIT_OPEN_SECONDS}:
 * requests then fail at once as provider_unavailable, which the routing treats as a reason to fall
 * back. After that one trial call decides whether it closes again.
 */
public class ProviderCircuit implements Policy {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderCircuit.class);

    private final String provider;
    private final CircuitBreaker breaker;

    public ProviderCircuit(String provider, CircuitSettings settings) {
        this.provider = provider;
        this.breaker = CircuitBreaker.of(provider, CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRate())
                .minimumNumberOfCalls(settings.minCalls())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.windowSize())
                .waitDurationInOpenState(settings.openDuration())
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
        breaker.getEventPublisher().onStateTransition(event -> LOG.warn("{} circuit breaker: {} -> {}",
                provider, event.getStateTransition().getFromState(), event.getStateTransition().getToState()));
    }

    /** The breaker itself, for status pages and health (its state and metrics). */
    public CircuitBreaker breaker() {
        return breaker;
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
                if (!breaker.tryAcquirePermission()) {
                    exchange.setException(new ProviderUnavailableException(ProviderUnavailableException.Reason.CIRCUIT_OPEN,
                            provider + " is paused: its circuit breaker is open after repeated failures"));
                    callback.done(true);
                    return true;
                }
                long start = System.nanoTime();
                return processor.process(exchange, doneSync -> {
                    record(exchange.getException(), Duration.ofNanos(System.nanoTime() - start));
                    callback.done(doneSync);
                });
            }
        };
    }

    private void record(Throwable failure, Duration took) {
        if (failure == null) {
            breaker.onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
        } else if (counts(failure)) {
            breaker.onError(took.toNanos(), TimeUnit.NANOSECONDS, failure);
        } else {
            breaker.releasePermission();
        }
    }

    /** A refusal says the provider works; a queue timeout or a missing key says nothing about it. */
    private static boolean counts(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ContentRefusedException || t instanceof ProviderUnavailableException) {
                return false;
            }
            if (t instanceof ApiException) {
                return true;
            }
        }
        return true;
    }
}
