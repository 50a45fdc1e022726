package ru.newsmed.imagegen.api;

import java.util.concurrent.ExecutorService;

import org.apache.camel.CamelContext;
import org.springframework.stereotype.Component;

/**
 * The threads generations run on: the flow of each request (so its caller can stop waiting at
 * IMAGE_REQUEST_TIMEOUT) and both branches of both mode. A cached pool, bounded in practice by the
 * requests in flight. It lives in Camel's registry as {@code generationThreads} (for the split of
 * both mode) and not as a Spring Executor bean, which would displace Spring Boot's own task
 * executor that the REST endpoints run on.
 */
@Component
public class GenerationThreads {

    public static final String NAME = "generationThreads";

    private final ExecutorService executor;

    public GenerationThreads(CamelContext camelContext) {
        this.executor = camelContext.getExecutorServiceManager().newCachedThreadPool(this, "image-generation");
        camelContext.getRegistry().bind(NAME, ExecutorService.class, executor);
    }

    public ExecutorService executor() {
        return executor;
    }
}
