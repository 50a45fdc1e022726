package ru.newsmed.imagegen.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** A generation thread logs with the request id of whoever handed it the work, and keeps none for the next task. */
class LogContextPassingExecutorTest {

    private final ExecutorService oneThread = Executors.newSingleThreadExecutor();
    private final LogContextPassingExecutor executor = new LogContextPassingExecutor(oneThread);

    @AfterEach
    void stop() {
        MDC.clear();
        oneThread.shutdownNow();
    }

    @Test
    void aTaskSeesTheRequestIdOfItsSenderAndTheNextTaskOnTheSameThreadSeesNone() throws Exception {
        MDC.put("requestId", "trace-1");
        String first = executor.submit(() -> MDC.get("requestId")).get(5, TimeUnit.SECONDS);
        MDC.clear();
        String second = executor.submit(() -> MDC.get("requestId")).get(5, TimeUnit.SECONDS);

        assertThat(first).isEqualTo("trace-1");
        assertThat(second).isNull();
    }

    @Test
    void shuttingItDownShutsDownThePool() {
        executor.shutdown();

        assertThat(oneThread.isShutdown()).isTrue();
    }
}
