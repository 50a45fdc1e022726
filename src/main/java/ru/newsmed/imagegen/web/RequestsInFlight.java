package ru.newsmed.imagegen.web;

import java.time.Duration;
import java.util.concurrent.Semaphore;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The HTTP requests in flight: every one is counted (the shutdown drain waits for them), and those
 * that start work (a POST: a generation, an upload, a job) are bounded by {@code IMAGE_MAX_IN_FLIGHT}
 * with a semaphore, so the limit holds whatever threads serve them (a pool, or virtual threads).
 */
@Component
public class RequestsInFlight {

    private final int limit;
    private final Semaphore work;
    private final Object lock = new Object();
    private int count;

    public RequestsInFlight(@Value("${imagegen.max-in-flight}") int limit) {
        this.limit = limit;
        this.work = new Semaphore(limit);
    }

    /** Counts a request in; false (and nothing counted) when it would start work past the limit. */
    public boolean tryEnter(boolean startsWork) {
        if (startsWork && !work.tryAcquire()) {
            return false;
        }
        synchronized (lock) {
            count++;
        }
        return true;
    }

    /** Counts a request out, once it has been answered. */
    public void leave(boolean startedWork) {
        if (startedWork) {
            work.release();
        }
        synchronized (lock) {
            count--;
            lock.notifyAll();
        }
    }

    /** Waits until no request is in flight, at most {@code timeout}; true when none is left. */
    public boolean awaitNone(Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (count > 0) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    public int limit() {
        return limit;
    }
}
