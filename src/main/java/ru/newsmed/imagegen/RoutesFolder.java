package ru.newsmed.imagegen;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Loads the YAML routes from the folder named by {@code IMAGE_ROUTES_DIR} instead of the copies
 * packaged in the jar, so operators can change a route without a rebuild.
 */
public class RoutesFolder implements EnvironmentPostProcessor {

    static final String VARIABLE = "IMAGE_ROUTES_DIR";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String folder = environment.getProperty(VARIABLE);
        if (folder == null || folder.isBlank()) {
            return;
        }
        Path path = Path.of(folder.trim()).toAbsolutePath().normalize();
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException(VARIABLE + " names " + path + ", which is not a folder");
        }
        environment.getPropertySources().addFirst(new MapPropertySource("imageRoutesDir",
                Map.of("camel.main.routes-include-pattern", "file:" + path + "/*.camel.yaml")));
    }
}
