package ru.newsmed.imagegen.support;

import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/** Counts the requests under a path prefix that WireMock is serving at once, and the peak. */
public class InFlightCounter implements ServeEventListener {

    private final String name;
    private final String pathPrefix;
    private final AtomicInteger now = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    public InFlightCounter(String name, String pathPrefix) {
        this.name = name;
        this.pathPrefix = pathPrefix;
    }

    @Override
    public String getName() {
        return name;
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

    /** Requests being served right now. */
    public int now() {
        return now.get();
    }

    public int peak() {
        return peak.get();
    }

    /**
     * Starts counting afresh between tests (a call whose client went away never reports its end,
     * so a leftover count must not carry over).
     */
    public void reset() {
        now.set(0);
        peak.set(0);
    }

    private boolean counts(ServeEvent event) {
        return event.getRequest().getUrl().startsWith(pathPrefix);
    }
}
