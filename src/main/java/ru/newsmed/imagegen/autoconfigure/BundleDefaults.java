package ru.newsmed.imagegen.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.DefaultPropertiesPropertySource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import ru.newsmed.imagegen.ImageGenerationApplication;

/**
 * Our defaults ({@code config/application.yml}, packaged as {@code imagegen/application.yml}: a name
 * no application loads on its own), below every other property source, the application's own
 * default properties included. In our own service
 * all of it applies; in a host only the {@code imagegen.*} settings do, with the REST API, the
 * watched folder and JMS off unless the host turns them on (and Spring Boot's Flyway off for a host
 * that has no migrations of its own). So a host keeps its own server, Spring,
 * Camel, actuator and logging settings, and a {@code config/application.yml} in the working
 * directory still overrides the service's defaults (Spring Boot's rule).
 */
public class BundleDefaults implements EnvironmentPostProcessor {

    static final String PACKAGED = "imagegen/application.yml";
    static final String PREFIX = "imagegen.";
    /** In a host each entry is off unless turned on (its variable, or the property itself). */
    private static final Map<String, String> HOST_SWITCHES = Map.of(
            "imagegen.rest.enabled", "${IMAGE_REST_ENABLED:false}",
            "imagegen.inbox.enabled", "${IMAGE_INBOX_ENABLED:false}",
            "imagegen.jms.enabled", "${IMAGE_JMS_ENABLED:false}");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean service = application.getAllSources().contains(ImageGenerationApplication.class);
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (PropertySource<?> source : load()) {
            EnumerablePropertySource<?> properties = (EnumerablePropertySource<?>) source;
            for (String name : properties.getPropertyNames()) {
                if (service || name.startsWith(PREFIX)) {
                    defaults.put(name, properties.getProperty(name));
                }
            }
        }
        if (!service) {
            defaults.putAll(HOST_SWITCHES);
            // Flyway came with us: Spring Boot's own Flyway must not start migrating the host's
            // DataSource because of it (ours migrates only our connection). A host that uses Flyway
            // itself (migrations in db/migration, or its own locations) keeps it as it was.
            if (!environment.containsProperty("spring.flyway.locations") && !new ClassPathResource("db/migration").exists()) {
                defaults.put("spring.flyway.enabled", "false");
            }
        }
        addBelowTheApplicationsOwn(environment, defaults);
    }

    /**
     * Into Spring Boot's {@code defaultProperties} (the last source: Boot moves it to the end), under
     * the application's own defaults (those of {@code SpringApplication.setDefaultProperties}).
     */
    private static void addBelowTheApplicationsOwn(ConfigurableEnvironment environment, Map<String, Object> defaults) {
        PropertySource<?> own = environment.getPropertySources().get(DefaultPropertiesPropertySource.NAME);
        if (own instanceof EnumerablePropertySource<?> properties) {
            for (String name : properties.getPropertyNames()) {
                defaults.put(name, properties.getProperty(name));
            }
            environment.getPropertySources().remove(DefaultPropertiesPropertySource.NAME);
        }
        environment.getPropertySources().addLast(new DefaultPropertiesPropertySource(defaults));
    }

    private static List<PropertySource<?>> load() {
        try {
            return new YamlPropertySourceLoader().load(PACKAGED, new ClassPathResource(PACKAGED));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the packaged defaults " + PACKAGED, e);
        }
    }
}
