package ru.newsmed.imagegen.api;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.errors.ApiException;
import ru.newsmed.imagegen.errors.ErrorCode;

/**
 * The two ends of a generation handed to the generation threads (generate-image's wireTap to
 * imagegen-generation-work): the request's {@link RequestDeadline} and the outcome its caller
 * waits for travel with the work as exchange properties (the deadline is read by the provider
 * flows too); the work's end completes the outcome with its body; the
 * caller waits for it as long as the route says (IMAGE_REQUEST_TIMEOUT), then answers 504 timeout.
 * The work left behind is marked abandoned: YandexART polling stops and nothing more is stored for
 * it (its HTTP call in flight ends by its own timeout). When shutdown's time runs out first
 * (ShutdownGate), an HTTP request answers 503 the same way.
 */
@Component("imagegenGenerationHandover")
public class GenerationHandover {

    static final String OUTCOME = "generationOutcome";
    private static final Logger LOG = LoggerFactory.getLogger(GenerationHandover.class);

    private final ShutdownGate shutdown;

    public GenerationHandover(ShutdownGate shutdown) {
        this.shutdown = shutdown;
    }

    /** Before the hand-over: the deadline the work shares with its request, and the outcome to wait for. */
    public void prepare(Exchange exchange) {
        exchange.setProperty(RequestDeadline.PROPERTY, new RequestDeadline());
        exchange.setProperty(OUTCOME, new CompletableFuture<Object>());
    }

    /** The work's end: its body (the GenerationResult) is the request's. */
    public void finished(Exchange work) {
        outcome(work).complete(work.getMessage().getBody());
    }

    /** The work's end when it failed: the request fails with what the work caught. */
    public void failed(Exchange work) {
        Throwable caught = work.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        outcome(work).completeExceptionally(caught != null ? caught : new IllegalStateException("The generation failed"));
    }

    /**
     * Waits for the work at most {@code timeout} (seconds, or a duration such as 2m) and answers its
     * result; an HTTP request ({@code answerBeforeShutdown}) also stops waiting when the shutdown
     * time runs out.
     */
    public Object awaitOutcome(Exchange exchange, String timeout, Boolean answerBeforeShutdown) throws Exception {
        Duration limit = DurationStyle.detectAndParse(timeout, ChronoUnit.SECONDS);
        RequestDeadline deadline = exchange.getProperty(RequestDeadline.PROPERTY, RequestDeadline.class);
        CompletableFuture<Object> outcome = outcome(exchange);
        // An HTTP caller must get its answer before the server stops; a folder file or a JMS message
        // is better left to Camel's own graceful shutdown, and taken again after a restart.
        CompletableFuture<?> stop = Boolean.TRUE.equals(answerBeforeShutdown)
                ? shutdown.drained() : new CompletableFuture<>();
        try {
            CompletableFuture.anyOf(outcome, stop).get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            deadline.abandon();
            LOG.warn("Request {} took longer than IMAGE_REQUEST_TIMEOUT ({} s)",
                    exchange.getProperty(RequestGuard.REQUEST_ID), limit.toSeconds());
            throw new ApiException(ErrorCode.TIMEOUT, "No image within " + limit.toSeconds() + " s (IMAGE_REQUEST_TIMEOUT)");
        } catch (InterruptedException e) {
            deadline.abandon();
            Thread.currentThread().interrupt();
            throw new ApiException(ErrorCode.PROVIDER_UNAVAILABLE, "The service is shutting down");
        } catch (ExecutionException e) {
            // the work failed: thrown below
        }
        if (!outcome.isDone()) {
            deadline.abandon();
            LOG.warn("Request {} was still running when IMAGE_SHUTDOWN_TIMEOUT ran out",
                    exchange.getProperty(RequestGuard.REQUEST_ID));
            throw new ApiException(ErrorCode.PROVIDER_UNAVAILABLE, "The service is shutting down; try again");
        }
        try {
            return outcome.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<Object> outcome(Exchange exchange) {
        return exchange.getProperty(OUTCOME, CompletableFuture.class);
    }
}
