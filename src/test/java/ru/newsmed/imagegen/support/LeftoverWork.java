package ru.newsmed.imagegen.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What an answered request must not leave working: Camel exchanges in flight, provider slots held
 * ({@code imagegen_in_flight}), threads inside the service's code, a Camel HTTP or S3 call or a
 * Camel processor. And, for a leak check over many requests, the live threads that are not waiting
 * idle in a pool (pools keep or retire idle threads as they please). On Java 21+ virtual threads are
 * seen too (through the JDK's thread dump), since the service's work runs on them there.
 */
public final class LeftoverWork {

    private final CamelContext camel;
    private final MeterRegistry meters;

    public LeftoverWork(CamelContext camel, MeterRegistry meters) {
        this.camel = camel;
        this.meters = meters;
    }

    /** Empty once nothing is left working, within {@code settle}; else what still is. */
    public Optional<String> after(Duration settle) {
        try {
            Awaitility.await().atMost(settle).pollInSameThread().pollInterval(Duration.ofMillis(20))
                    .until(() -> camel.getInflightRepository().size() == 0 && slotsInUse() == 0 && busyThreads().isEmpty());
            return Optional.empty();
        } catch (ConditionTimeoutException stillWorking) {
            return Optional.of("still working after " + settle.toSeconds() + " s: " + camel.getInflightRepository().size()
                    + " exchanges in flight, " + slotsInUse() + " provider slots held, threads " + busyThreads());
        }
    }

    /** Live threads, less those waiting idle for work in a pool (a thread pool's, Jetty's or a fork-join pool's). */
    public static long liveThreadsOutsidePools() {
        if (Runtime.version().feature() >= 21) {
            return ThreadDump.now().stream().filter(thread -> thread.frames().stream().noneMatch(frame ->
                    frame.contains(".getTask(") || frame.contains(".idleJobPoll(") || frame.contains(".awaitWork("))).count();
        }
        return Thread.getAllStackTraces().values().stream()
                .filter(stack -> Arrays.stream(stack).noneMatch(frame -> frame.getMethodName().equals("getTask")
                        || frame.getMethodName().equals("idleJobPoll") || frame.getMethodName().equals("awaitWork")))
                .count();
    }

    /** imagegen_in_flight of both providers. */
    private double slotsInUse() {
        return meters.find("imagegen.in_flight").gauges().stream().mapToDouble(Gauge::value).sum();
    }

    /** Threads (other than the caller) working on something of a request. */
    private static List<String> busyThreads() {
        List<String> busy = new ArrayList<>();
        if (Runtime.version().feature() >= 21) {
            for (ThreadDump.DumpedThread thread : ThreadDump.now()) {
                if (!thread.runs(ThreadDump.class.getName()) && thread.classNames().stream().anyMatch(LeftoverWork::working)) {
                    busy.add(thread.name() + (thread.virtual() ? " (virtual)" : ""));
                }
            }
            return busy;
        }
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread != Thread.currentThread() && Arrays.stream(stack).anyMatch(frame -> working(frame.getClassName()))) {
                busy.add(thread.getName());
            }
        });
        return busy;
    }

    private static boolean working(String className) {
        return className.startsWith("org.apache.camel.component.http.") || className.startsWith("org.apache.camel.component.aws2.")
                || className.startsWith("org.apache.camel.processor.")
                || className.startsWith("ru.newsmed.imagegen.") && !className.startsWith("ru.newsmed.imagegen.support.");
    }
}
