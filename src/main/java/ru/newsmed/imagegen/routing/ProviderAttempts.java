package ru.newsmed.imagegen.routing;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.api.GenerationResult;
import ru.newsmed.imagegen.api.RequestGuard;
import ru.newsmed.imagegen.errors.ApiException;
import ru.newsmed.imagegen.errors.ErrorResponses;
import ru.newsmed.imagegen.storage.Drawing;
import ru.newsmed.imagegen.storage.StoredImage;

/**
 * What the routes call about a request's provider attempts: each one drew or not (and why), timed
 * and counted by {@link GenerationMetrics}; a fallback is counted and logged; a request ends with
 * a drawing or with {@link NoImageError}. In both mode it is also the aggregation of the two
 * parallel attempts, and answers with their {@link BothModeComparison}.
 */
@Component("imagegenProviderAttempts")
public class ProviderAttempts implements AggregationStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderAttempts.class);

    private final GenerationMetrics metrics;

    public ProviderAttempts(GenerationMetrics metrics) {
        this.metrics = metrics;
    }

    /** The provider drew, in the time since {@code started}. */
    public ProviderAttempt drawn(Drawing drawing, Date started) {
        return ended(ProviderAttempt.drawn(drawing, elapsedMs(started)));
    }

    /** The provider drew nothing: {@code caught} says why. */
    public ProviderAttempt failed(String provider, Date started,
                                  @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable caught,
                                  @ExchangeProperty(RequestGuard.REQUEST_ID) String requestId) {
        ProviderAttempt attempt = ProviderAttempt.failedBy(provider, caught, elapsedMs(started));
        if (ErrorResponses.find(caught) == null) {
            LOG.error("Request {}: unexpected failure of the {} attempt", requestId, provider, caught);
        }
        LOG.info("Request {}: {} drew nothing ({}): {}", requestId, attempt.displayName(), attempt.reason(),
                attempt.message());
        return ended(attempt);
    }

    /** The first provider drew nothing and the other one, {@code to}, is about to try: counted and logged. */
    public void fallingBack(ProviderAttempt first, String to, @ExchangeProperty(RequestGuard.REQUEST_ID) String requestId) {
        metrics.fellBack(first.provider(), to, first.reason());
        LOG.warn("Request {}: falling back from {} to {} ({})", requestId, first.provider(), to, first.reason());
    }

    /** The drawing of the first attempt, or of the fallback's when there was one; else the contract's error. */
    public Drawing drawing(ProviderAttempt first, ProviderAttempt fallback) {
        List<ProviderAttempt> attempts = fallback == null ? List.of(first) : List.of(first, fallback);
        ProviderAttempt last = attempts.get(attempts.size() - 1);
        if (!last.drew()) {
            throw NoImageError.of(attempts);
        }
        return last.drawing();
    }

    /** The answer of a request tried provider by provider: fallback_used when another than the first one drew. */
    public GenerationResult answer(StoredImage image, RoutingDecision routing) {
        return new GenerationResult(image, !image.provider().equals(routing.first()), null);
    }

    /** Both mode: an attempt's image was stored. */
    public ProviderAttempt stored(ProviderAttempt attempt, StoredImage image) {
        return attempt.storedAt(image);
    }

    /** Both mode: an attempt's image could not be stored. */
    public ProviderAttempt storeFailed(ProviderAttempt attempt, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable caught) {
        ApiException error = ErrorResponses.find(caught);
        return attempt.storageFailed(error != null ? error.getMessage() : "The image was drawn but could not be stored");
    }

    /** Both mode: gathers the two parallel attempts (each branch's body) into one list. */
    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        List<ProviderAttempt> merged = new ArrayList<>();
        if (oldExchange != null) {
            merged.addAll(oldExchange.getMessage().getBody(List.class));
        }
        if (newExchange.getMessage().getBody() instanceof ProviderAttempt attempt) {
            merged.add(attempt);
        }
        Exchange result = oldExchange != null ? oldExchange : newExchange;
        result.getMessage().setBody(List.copyOf(merged));
        return result;
    }

    /**
     * Both mode: GigaChat's image is the answer, YandexART's when GigaChat has none (then
     * fallback_used); both sides go into the comparison, the log and the counter.
     */
    public GenerationResult compare(List<ProviderAttempt> attempts, @ExchangeProperty(RequestGuard.REQUEST_ID) String requestId) {
        BothModeComparison comparison = new BothModeComparison(attempts);
        metrics.compared();
        LOG.info("Request {}: comparison {}", requestId, comparison.logLine());
        ProviderAttempt answer = comparison.answer().orElseThrow(() -> NoImageError.of(comparison.attempts()));
        return new GenerationResult(answer.stored(), !answer.provider().equals(RoutingDecision.GIGACHAT), comparison.body());
    }

    private ProviderAttempt ended(ProviderAttempt attempt) {
        metrics.attempted(attempt);
        return attempt;
    }

    private static long elapsedMs(Date started) {
        return started == null ? 0 : Math.max(0, System.currentTimeMillis() - started.getTime());
    }
}
