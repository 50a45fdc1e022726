package ru.newsmed.imagegen.api;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Shared by every exchange one request becomes (the copies of both mode too): once the request
 * has been answered 504, the work still running for it stops where it can and stores nothing.
 */
public final class RequestDeadline {

    /** The exchange property that carries it. */
    public static final String PROPERTY = "requestDeadline";

    private final AtomicBoolean abandoned = new AtomicBoolean();

    public void abandon() {
        abandoned.set(true);
    }

    public boolean abandoned() {
        return abandoned.get();
    }
}
