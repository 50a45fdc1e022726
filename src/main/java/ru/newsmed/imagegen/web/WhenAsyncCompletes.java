package ru.newsmed.imagegen.web;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;

/**
 * Runs an action once an asynchronous request is complete: answered, timed out or failed (the
 * container completes the request after a timeout or an error too). It follows a request that is
 * started asynchronously again.
 */
record WhenAsyncCompletes(Runnable action) implements AsyncListener {

    @Override
    public void onComplete(AsyncEvent event) {
        action.run();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
    }

    @Override
    public void onError(AsyncEvent event) {
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        event.getAsyncContext().addListener(this);
    }
}
