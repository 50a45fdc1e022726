package ru.newsmed.imagegen.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * The bundle names its route files one by one (a wildcard costs a walk of the whole classpath at
 * start-up): every file in {@code routes/} must be among them, or it would silently not load; and
 * an entry a host has not turned on loads nothing.
 */
class BundleRoutesTest {

    @Test
    void everyRouteFileLoadsWhenEveryEntryIsOn() throws IOException {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("imagegen.rest.enabled", "true")
                .withProperty("imagegen.inbox.enabled", "true")
                .withProperty("imagegen.jms.enabled", "true");
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            assertThat(new BundleRoutes(environment).files()).containsExactlyInAnyOrderElementsOf(files
                    .map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".camel.yaml"))
                    .toList());
        }
    }

    @Test
    void theRestApiTheFolderAndJmsLoadOnlyWhenTurnedOn() {
        assertThat(new BundleRoutes(new MockEnvironment()).files())
                .doesNotContain("rest-api.camel.yaml", "jobs.camel.yaml", "inbox.camel.yaml", "jms.camel.yaml")
                .contains("generate.camel.yaml", "gigachat.camel.yaml", "yandex.camel.yaml");
    }

    @Test
    void everyPackagedRouteFileNamesItsRoutes() {
        assertThat(RequiredRoutesCheck.packagedRouteIds("generate.camel.yaml"))
                .contains("imagegen-generate-image", "imagegen-generate")
                // the provider attempts, routes of a template
                .contains("imagegen-gigachat-attempt", "imagegen-yandex-attempt");
    }
}
