package ru.newsmed.imagegen.api;

import java.util.concurrent.ExecutorService;

import org.apache.camel.CamelContext;
import org.springframework.stereotype.Component;

/**
 * The threads generations run on: each request's work (generate-image hands it over with a
 * wireTap, so that its caller can stop waiting at IMAGE_REQUEST_TIMEOUT) and both branches of both
 * mode. Camel's cached pool: on Java 21+, with spring.threads.virtual.enabled (which
 * camel-spring-boot passes on as camel.threads.virtual.enabled), a new virtual thread for each
 * task; on Java 17 platform threads. Never a limit: the requests in flight are bounded by
 * semaphores (IMAGE_MAX_IN_FLIGHT, the provider slots). Each task logs with the request id of the
 * thread that handed it over. It lives in Camel's registry as {@code generationThreads} (for the
 * routes) and not as a Spring Executor bean, which would displace Spring Boot's own task executor
 * that the REST endpoints run on.
 */
@Component
public class GenerationThreads {

    public static final String NAME = "imagegenGenerationThreads";

    public GenerationThreads(CamelContext camelContext) {
        ExecutorService pool = camelContext.getExecutorServiceManager().newCachedThreadPool(this, "image-generation");
        camelContext.getRegistry().bind(NAME, ExecutorService.class, new LogContextPassingExecutor(pool));
    }
}
