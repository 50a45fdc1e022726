package ru.newsmed.imagegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.yaml.snakeyaml.Yaml;
import ru.newsmed.imagegen.support.TestDatabases;

/** IMAGE_ROUTES_DIR loads the routes from a folder; a missing route stops the start-up loudly. */
class RoutesFolderTest {

    @TempDir
    Path routes;

    @Test
    void loadsTheRoutesFromTheFolderNamedByImageRoutesDir() throws IOException {
        copyRoutesExcept("none");
        Files.writeString(routes.resolve("operator-extra.camel.yaml"), """
                - route:
                    id: operator-extra
                    from:
                      uri: direct:operator-extra
                      steps:
                        - setBody:
                            constant: hello
                """);

        try (ConfigurableApplicationContext context = start()) {
            CamelContext camel = context.getBean(CamelContext.class);
            assertThat(camel.getRoute("operator-extra")).isNotNull();
            assertThat(camel.getRoute("imagegen-gigachat-generate")).isNotNull();
        }
    }

    @Test
    void failsToStartWhenARouteFileIsMissing() throws IOException {
        copyRoutesExcept("gigachat.camel.yaml");

        assertThatThrownBy(this::start)
                .hasStackTraceContaining("gigachat.camel.yaml is missing");
    }

    @Test
    @SuppressWarnings("unchecked")
    void failsToStartWhenARequiredRouteIsMissingFromItsFile() throws IOException {
        copyRoutesExcept("none");
        Path storage = routes.resolve("storage.camel.yaml");
        Yaml yaml = new Yaml();
        List<Map<String, Object>> items = yaml.load(Files.readString(storage));
        items.removeIf(item -> item.get("route") instanceof Map<?, ?> route && "imagegen-store-image-s3".equals(route.get("id")));
        Files.writeString(storage, yaml.dump(items));

        assertThatThrownBy(this::start)
                .hasStackTraceContaining("Required Camel routes are missing")
                .hasStackTraceContaining("imagegen-store-image-s3");
    }

    @Test
    void failsToStartWhenTheFolderDoesNotExist() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(ImageGenerationApplication.class)
                .properties("SERVER_PORT=0", "IMAGE_ROUTES_DIR=" + routes.resolve("nowhere"))
                .run())
                .hasStackTraceContaining("IMAGE_ROUTES_DIR");
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(ImageGenerationApplication.class)
                .properties("SERVER_PORT=0", "IMAGE_ROUTES_DIR=" + routes,
                        "IMAGE_STORAGE_DIR=" + routes.resolve("storage"), "IMAGE_DB_URL=" + TestDatabases.h2(routes), "IMAGE_INBOX_DIR=" + routes.resolve("inbox"))
                .run();
    }

    private void copyRoutesExcept(String skipped) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.toList()) {
                if (!file.getFileName().toString().equals(skipped)) {
                    Files.copy(file, routes.resolve(file.getFileName()));
                }
            }
        }
    }
}
