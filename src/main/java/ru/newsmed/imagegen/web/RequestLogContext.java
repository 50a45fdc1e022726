package ru.newsmed.imagegen.web;

import org.slf4j.MDC;
import org.springframework.core.task.TaskDecorator;
import org.springframework.stereotype.Component;

/**
 * Spring Boot applies this to the task executor the REST routes run on: whatever request id a
 * request put into the logging context is cleared when it ends, so it never shows on the next
 * request's lines.
 */
@Component
public class RequestLogContext implements TaskDecorator {

    @Override
    public Runnable decorate(Runnable task) {
        return () -> {
            try {
                task.run();
            } finally {
                MDC.clear();
            }
        };
    }
}
