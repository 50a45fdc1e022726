package ru.newsmed.imagegen.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import ru.newsmed.imagegen.errors.ContentRefusedException;
import ru.newsmed.imagegen.errors.ProviderFailedException;
import ru.newsmed.imagegen.errors.ProviderUnavailableException;

/** The circuit policy around a provider's flow: what counts, what opens it, how it closes again. */
class ProviderCircuitTest {

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final ProviderCircuit circuit = new ProviderCircuit("Test", new CircuitSettings(50, 4, Duration.ofMillis(300)));
    private final AtomicInteger calls = new AtomicInteger();

    private Exchange run(Supplier<RuntimeException> outcome) throws Exception {
        Processor flow = exchange -> {
            calls.incrementAndGet();
            RuntimeException failure = outcome.get();
            if (failure != null) {
                throw failure;
            }
        };
        Exchange exchange = new DefaultExchange(camel);
        circuit.wrap(null, flow).process(exchange);
        return exchange;
    }

    @Test
    void opensAfterFailuresAndFailsFastAsCircuitOpen() throws Exception {
        for (int i = 0; i < 4; i++) {
            run(() -> new ProviderFailedException("HTTP 500"));
        }

        Exchange skipped = run(() -> null);

        assertThat(circuit.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(calls).hasValue(4);
        assertThat(skipped.getException()).isInstanceOfSatisfying(ProviderUnavailableException.class,
                e -> assertThat(e.getReason()).isEqualTo(ProviderUnavailableException.Reason.CIRCUIT_OPEN));
    }

    @Test
    void ignoresRefusalsQueueTimeoutsAndMissingConfiguration() throws Exception {
        for (int i = 0; i < 10; i++) {
            run(() -> new ContentRefusedException("no"));
            run(() -> new ProviderUnavailableException(ProviderUnavailableException.Reason.QUEUE_TIMEOUT, "busy"));
            run(() -> new ProviderUnavailableException(ProviderUnavailableException.Reason.NOT_CONFIGURED, "no key"));
        }

        assertThat(circuit.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(circuit.breaker().getMetrics().getNumberOfBufferedCalls()).isZero();
    }

    @Test
    void closesAgainWhenTheTrialCallAfterTheOpenPeriodSucceeds() throws Exception {
        for (int i = 0; i < 4; i++) {
            run(() -> new ProviderFailedException("HTTP 503"));
        }
        assertThat(circuit.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> run(() -> null).getException() == null);

        assertThat(circuit.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
