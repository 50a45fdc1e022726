package ru.newsmed.imagegen;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Fails the start-up when a route the bundle needs is not loaded: an empty or incomplete routes
 * folder would otherwise start "fine" and answer 404 to everything.
 */
@Component
public class RequiredRoutesCheck implements CamelContextConfiguration {

    private final List<String> requiredRoutes;

    public RequiredRoutesCheck(@Value("${image.required-routes}") List<String> requiredRoutes) {
        this.requiredRoutes = requiredRoutes;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // nothing to prepare
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        List<String> missing = requiredRoutes.stream()
                .filter(id -> camelContext.getRoute(id) == null)
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Required Camel routes are missing: " + missing
                    + ". Check camel.main.routes-include-pattern or IMAGE_ROUTES_DIR.");
        }
    }
}
