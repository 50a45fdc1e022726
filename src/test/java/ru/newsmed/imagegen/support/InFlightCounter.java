package ru.newsmed.imagegen.support;

import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/** Counts the GigaChat API requests (chat and download) WireMock is serving at once, and the peak. */
public class InFlightCounter implements ServeEventListener {

    private final AtomicInteger now = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    @Override
    public String getName() {
        return "in-flight-counter";
    }

    @Override
    public void beforeMatch(ServeEvent serveEvent, Parameters parameters) {
        if (counts(serveEvent)) {
            peak.accumulateAndGet(now.incrementAndGet(), Math::max);
        }
    }

    @Override
    public void afterComplete(ServeEvent serveEvent, Parameters parameters) {
        if (counts(serveEvent)) {
            now.decrementAndGet();
        }
    }

    public int peak() {
        return peak.get();
    }

    public void reset() {
        peak.set(now.get());
    }

    private static boolean counts(ServeEvent event) {
        return event.getRequest().getUrl().startsWith("/api/v1/");
    }
}
