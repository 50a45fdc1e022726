package ru.newsmed.imagegen.inbox;

import java.util.concurrent.ExecutorService;

import org.apache.camel.CamelContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The threads the watched folder's files are generated on, so that the poller hands them off:
 * Camel's pool of IMAGE_INBOX_CONCURRENCY threads named {@code inbox} (on Java 21+, with virtual
 * threads on, a virtual thread per file whatever the size; the limit is the route's throttle). It
 * lives in Camel's registry as {@code inboxThreads}, the {@code executorService} of the route's
 * {@code threads} step (a bean, as Camel's YAML DSL schema allows no placeholder in a pool size),
 * and not as a Spring Executor bean, which would displace Spring Boot's own task executor.
 */
@Component
public class InboxThreads {

    public static final String NAME = "imagegenInboxThreads";

    public InboxThreads(CamelContext camelContext, @Value("${imagegen.inbox.concurrency}") int concurrency) {
        ExecutorService executor = camelContext.getExecutorServiceManager().newThreadPool(this, "inbox", concurrency, concurrency);
        camelContext.getRegistry().bind(NAME, ExecutorService.class, executor);
    }
}
