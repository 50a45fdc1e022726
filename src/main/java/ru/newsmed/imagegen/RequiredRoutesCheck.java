package ru.newsmed.imagegen;

import java.util.List;

import org.apache.camel.CamelContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Fails the start-up when a route the bundle needs is not loaded: an empty or incomplete routes
 * folder would otherwise start "fine" and answer 404 to everything. Runs once the CamelContext is
 * up and before the service reports itself ready.
 */
@Component
public class RequiredRoutesCheck implements ApplicationListener<ApplicationStartedEvent> {

    private final CamelContext camelContext;
    private final List<String> requiredRoutes;

    public RequiredRoutesCheck(CamelContext camelContext, @Value("${imagegen.required-routes}") List<String> requiredRoutes) {
        this.camelContext = camelContext;
        this.requiredRoutes = requiredRoutes;
    }

    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        List<String> missing = requiredRoutes.stream()
                .filter(id -> camelContext.getRoute(id) == null)
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Required Camel routes are missing: " + missing
                    + ". Check camel.main.routes-include-pattern or IMAGE_ROUTES_DIR.");
        }
    }
}
