package ru.newsmed.imagegen.api;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;

/**
 * Bounds a whole generation by {@code IMAGE_REQUEST_TIMEOUT}: the flow ({@code direct:generate})
 * runs on the generation threads while the request waits for it at most that long, then answers
 * 504 timeout. The work left behind is marked abandoned: YandexART polling stops and nothing more
 * is stored for it (its HTTP call in flight ends by its own timeout). When shutdown's time runs
 * out first (ShutdownGate), an HTTP request answers 503 the same way.
 */
@Component("imagegenRequestTimeout")
public class RequestTimeout {

    private static final Logger LOG = LoggerFactory.getLogger(RequestTimeout.class);
    private static final String FLOW = "direct:imagegen-generate";
    /** Set by the REST routes: the request answers 503 when the shutdown time runs out. */
    public static final String ANSWER_BEFORE_SHUTDOWN = "answerBeforeShutdown";

    private final ProducerTemplate producer;
    private final ExecutorService threads;
    private final Duration timeout;

    private final ShutdownGate shutdown;

    public RequestTimeout(ProducerTemplate producer, GenerationThreads threads, ShutdownGate shutdown,
                          @Value("${imagegen.request-timeout}") String timeout) {
        this.producer = producer;
        this.shutdown = shutdown;
        this.threads = threads.executor();
        this.timeout = DurationStyle.detectAndParse(timeout, ChronoUnit.SECONDS);
    }

    /** Runs the generation flow on the exchange's request; its result (body and properties) comes back here. */
    public void generate(Exchange exchange) throws Exception {
        RequestDeadline deadline = new RequestDeadline();
        exchange.setProperty(RequestDeadline.PROPERTY, deadline);
        Exchange work = exchange.copy();
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        CompletableFuture<Exchange> done;
        try {
            done = CompletableFuture.supplyAsync(() -> {
                if (logContext != null) {
                    MDC.setContextMap(logContext);
                }
                try {
                    return producer.send(FLOW, work);
                } finally {
                    MDC.clear();
                }
            }, threads);
        } catch (RejectedExecutionException e) {
            throw new ApiException(ErrorCode.PROVIDER_UNAVAILABLE, "The service is shutting down or full; try again later");
        }
        // An HTTP caller must get its answer before the server stops; a folder file or a JMS message
        // is better left to Camel's own graceful shutdown, and taken again after a restart.
        CompletableFuture<?> stop = exchange.getProperty(ANSWER_BEFORE_SHUTDOWN, false, Boolean.class)
                ? shutdown.drained() : new CompletableFuture<>();
        try {
            CompletableFuture.anyOf(done, stop).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            deadline.abandon();
            LOG.warn("Request {} took longer than IMAGE_REQUEST_TIMEOUT ({} s)",
                    exchange.getProperty(RequestGuard.REQUEST_ID), timeout.toSeconds());
            throw new ApiException(ErrorCode.TIMEOUT, "No image within " + timeout.toSeconds()
                    + " s (IMAGE_REQUEST_TIMEOUT)");
        } catch (InterruptedException e) {
            deadline.abandon();
            Thread.currentThread().interrupt();
            throw new ApiException(ErrorCode.PROVIDER_UNAVAILABLE, "The service is shutting down");
        }
        if (!done.isDone()) {
            deadline.abandon();
            LOG.warn("Request {} was still running when IMAGE_SHUTDOWN_TIMEOUT ran out",
                    exchange.getProperty(RequestGuard.REQUEST_ID));
            throw new ApiException(ErrorCode.PROVIDER_UNAVAILABLE, "The service is shutting down; try again");
        }
        Exchange result = done.join();
        if (result.getException() != null) {
            throw result.getException();
        }
        exchange.getProperties().putAll(result.getProperties());
        exchange.getMessage().setBody(result.getMessage().getBody());
    }
}
