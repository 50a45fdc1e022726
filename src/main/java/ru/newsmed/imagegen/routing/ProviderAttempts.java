package ru.newsmed.imagegen.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.api.RequestGuard;
import ru.newsmed.imagegen.errors.ApiException;
import ru.newsmed.imagegen.errors.ErrorResponses;

/**
 * What the routes call about a request's provider attempts: each one begins, draws or not (and
 * why), and in both mode is stored or not ({@link AttemptLedger}, timed by {@link GenerationMetrics});
 * a fallback is counted and logged; the request ends with an image or with {@link NoImageError}.
 * In both mode it is also the aggregation of the two parallel attempts, and answers with their
 * {@link BothModeComparison}.
 */
@Component("imagegenProviderAttempts")
public class ProviderAttempts implements AggregationStrategy {

    public static final String PROVIDER = "attemptProvider";
    static final String STARTED = "attemptStarted";
    private static final Logger LOG = LoggerFactory.getLogger(ProviderAttempts.class);

    private final GenerationMetrics metrics;

    public ProviderAttempts(GenerationMetrics metrics) {
        this.metrics = metrics;
    }

    /** Starts an account for a new request. */
    public List<ProviderAttempt> none() {
        return List.of();
    }

    /** Starts the clock of an attempt by the provider in the property attemptProvider. */
    public void begin(Exchange exchange) {
        exchange.setProperty(STARTED, System.nanoTime());
        exchange.removeProperty("imageKind");
    }

    /** The provider drew: its image is the body; provider and modelUsed are set. */
    public void succeeded(Exchange exchange) {
        ended(exchange, ProviderAttempt.drawn(provider(exchange), elapsedMs(exchange),
                exchange.getProperty("modelUsed", String.class)));
    }

    /** The provider drew nothing: the caught exception says why. */
    public void failed(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ProviderAttempt attempt = ProviderAttempt.failedBy(provider(exchange), caught, elapsedMs(exchange));
        if (ErrorResponses.find(caught) == null) {
            LOG.error("Request {}: unexpected failure of the {} attempt", requestId(exchange), attempt.provider(), caught);
        }
        LOG.info("Request {}: {} drew nothing ({}): {}", requestId(exchange), attempt.displayName(), attempt.reason(),
                attempt.message());
        exchange.removeProperty("imageKind");
        ended(exchange, attempt);
    }

    /** The first provider drew nothing and the other one is about to try: counted and logged. */
    public void fallingBack(Exchange exchange, String to) {
        ProviderAttempt last = AttemptLedger.last(exchange);
        metrics.fellBack(last.provider(), to, last.reason());
        LOG.warn("Request {}: falling back from {} to {} ({})", requestId(exchange), last.provider(), to, last.reason());
        exchange.setProperty("fallbackUsed", true);
    }

    /** Ends a sequential attempt chain: the last attempt drew, or the request fails as the contract says. */
    public void requireImage(Exchange exchange) {
        List<ProviderAttempt> attempts = AttemptLedger.of(exchange);
        if (attempts.isEmpty() || !attempts.get(attempts.size() - 1).drew()) {
            throw NoImageError.of(attempts);
        }
    }

    /** Both mode: an attempt's image was stored. */
    public void stored(Exchange exchange) {
        AttemptLedger.replaceLast(exchange, AttemptLedger.last(exchange).stored(exchange.getProperty("imageId", String.class),
                exchange.getProperty("imageUrl", String.class)));
    }

    /** Both mode: an attempt's image could not be stored. */
    public void storeFailed(Exchange exchange) {
        ApiException error = ErrorResponses.find(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        AttemptLedger.replaceLast(exchange, AttemptLedger.last(exchange).storageFailed(error != null ? error.getMessage()
                : "The image was drawn but could not be stored"));
    }

    /** Both mode: gathers the two parallel attempts (into the body and the property attempts). */
    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        List<ProviderAttempt> merged = new ArrayList<>();
        if (oldExchange != null) {
            merged.addAll(AttemptLedger.of(oldExchange));
        }
        merged.addAll(AttemptLedger.of(newExchange));
        Exchange result = oldExchange != null ? oldExchange : newExchange;
        AttemptLedger.set(result, merged);
        result.getMessage().setBody(List.copyOf(merged));
        return result;
    }

    /**
     * Both mode: GigaChat's image is the answer, YandexART's when GigaChat has none (then
     * fallback_used); both sides go into the comparison, the log and the counter.
     */
    @SuppressWarnings("unchecked")
    public void compare(Exchange exchange) {
        BothModeComparison comparison = new BothModeComparison(exchange.getMessage().getBody(List.class));
        AttemptLedger.set(exchange, comparison.attempts());
        metrics.compared();
        LOG.info("Request {}: comparison {}", requestId(exchange), comparison.logLine());
        ProviderAttempt answer = comparison.answer().orElseThrow(() -> NoImageError.of(comparison.attempts()));
        exchange.setProperty("comparison", comparison.body());
        exchange.setProperty("provider", answer.provider());
        exchange.setProperty("modelUsed", answer.modelUsed());
        exchange.setProperty("imageId", answer.imageId());
        exchange.setProperty("imageUrl", answer.imageUrl());
        exchange.setProperty("fallbackUsed", !answer.provider().equals(RoutingDecision.GIGACHAT));
    }

    private void ended(Exchange exchange, ProviderAttempt attempt) {
        metrics.attempted(attempt);
        AttemptLedger.add(exchange, attempt);
    }

    private static long elapsedMs(Exchange exchange) {
        Long started = exchange.getProperty(STARTED, Long.class);
        return started == null ? 0 : Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    private static String provider(Exchange exchange) {
        return exchange.getProperty(PROVIDER, String.class);
    }

    private static String requestId(Exchange exchange) {
        return exchange.getProperty(RequestGuard.REQUEST_ID, String.class);
    }
}
