package ru.newsmed.imagegen.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.io.ClassPathResource;
import org.yaml.snakeyaml.Yaml;

/**
 * Fails the start-up when a route the bundle needs is not loaded: an incomplete route file in
 * {@code IMAGE_ROUTES_DIR} would otherwise start "fine" and answer 404 to everything. The routes
 * needed are those of the packaged copies of the files loaded. Runs once the CamelContext is up
 * and before the application reports itself ready.
 */
public class RequiredRoutesCheck implements ApplicationListener<ApplicationStartedEvent> {

    private final CamelContext camelContext;
    private final BundleRoutes routes;

    public RequiredRoutesCheck(CamelContext camelContext, BundleRoutes routes) {
        this.camelContext = camelContext;
        this.routes = routes;
    }

    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        List<String> missing = routes.files().stream()
                .flatMap(file -> packagedRouteIds(file).stream())
                .filter(id -> camelContext.getRoute(id) == null)
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Required Camel routes are missing: " + missing
                    + ". Check the route files in IMAGE_ROUTES_DIR.");
        }
    }

    /**
     * The ids of the routes ({@code - route: id: ...}, and {@code - templatedRoute: routeId: ...})
     * in our packaged copy of a route file.
     */
    static List<String> packagedRouteIds(String file) {
        try (InputStream in = new ClassPathResource(BundleRoutes.PACKAGED + file).getInputStream()) {
            List<String> ids = new ArrayList<>();
            for (Object item : new Yaml().loadAs(in, List.class)) {
                if (item instanceof Map<?, ?> map && map.get("route") instanceof Map<?, ?> route && route.get("id") != null) {
                    ids.add(route.get("id").toString());
                }
                if (item instanceof Map<?, ?> map && map.get("templatedRoute") instanceof Map<?, ?> templated
                        && templated.get("routeId") != null) {
                    ids.add(templated.get("routeId").toString());
                }
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the packaged route file " + file, e);
        }
    }
}
