package ru.newsmed.imagegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The packaged routes are named one by one in {@code camel.main.routes-include-pattern} (a wildcard
 * costs a walk of the whole classpath at start-up): every file in {@code routes/} must be there,
 * or it would silently not load.
 */
class PackagedRoutesListTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyRouteFileIsNamedInTheIncludePattern() throws IOException {
        Map<String, Object> settings;
        try (Reader reader = Files.newBufferedReader(Path.of("config", "application.yml"))) {
            settings = new Yaml().load(reader);
        }
        Map<String, Object> main = (Map<String, Object>) ((Map<String, Object>) settings.get("camel")).get("main");
        String[] included = String.valueOf(main.get("routes-include-pattern")).split(",");
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            assertThat(Arrays.stream(included).map(String::strip))
                    .containsExactlyInAnyOrderElementsOf(files
                            .map(file -> "classpath:routes/" + file.getFileName())
                            .filter(name -> name.endsWith(".camel.yaml"))
                            .toList());
        }
    }
}
