package ru.newsmed.imagegen.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs {@code total} calls of one flow on {@code concurrency} threads of its own, all released at
 * the same moment, and keeps each call's latency. A call answers its outcome ("200", "502",
 * "IOException"): only "200" is a success; the others are counted by kind, never hidden.
 */
final class Load {

    /** One call of the flow under load; returns its outcome, "200" for a success. */
    @FunctionalInterface
    interface Call {
        String run() throws Exception;
    }

    /** What a load run measured: sorted latencies of the successful calls, the wall time, failures by kind. */
    record Result(long[] latenciesNanos, long wallNanos, Map<String, Integer> failures) {

        int successes() {
            return latenciesNanos.length;
        }

        /** The q-quantile (0.5, 0.95, 0.99) of the successes' latencies, in milliseconds (nearest rank). */
        double percentileMillis(double q) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(q * latenciesNanos.length);
            return latenciesNanos[Math.max(0, Math.min(latenciesNanos.length - 1, rank - 1))] / 1e6;
        }

        /** Successful calls per second of wall time. */
        double throughput() {
            return latenciesNanos.length / (wallNanos / 1e9);
        }

        double wallSeconds() {
            return wallNanos / 1e9;
        }
    }

    private Load() {
    }

    static Result run(int concurrency, int total, Call call) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        long[] latencies = new long[total];
        AtomicInteger successes = new AtomicInteger();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        CountDownLatch ready = new CountDownLatch(concurrency);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong lastEnd = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Thread thread = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                while (next.getAndIncrement() < total) {
                    long start = System.nanoTime();
                    String outcome;
                    try {
                        outcome = call.run();
                    } catch (Exception e) {
                        outcome = e.getClass().getSimpleName();
                    }
                    long end = System.nanoTime();
                    lastEnd.accumulateAndGet(end, Math::max);
                    if ("200".equals(outcome)) {
                        latencies[successes.getAndIncrement()] = end - start;
                    } else {
                        failures.merge(outcome, 1, Integer::sum);
                    }
                }
            }, "load-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        long[] measured = Arrays.copyOf(latencies, successes.get());
        Arrays.sort(measured);
        return new Result(measured, lastEnd.get() - start, new TreeMap<>(failures));
    }
}
