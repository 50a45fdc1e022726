package ru.newsmed.imagegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * Every route file, and every Kamelet's {@code spec.template} read as a route, validates against
 * the YAML DSL JSON schema that camel-yaml-dsl ships, so Kaoto and Camel JBang open them unchanged.
 */
class RouteFilesSchemaTest {

    private static final String CAMEL_SCHEMA = "/schema/camelYamlDsl.json";
    private static final Path ROUTES = Path.of("routes");
    private static final Path KAMELETS = ROUTES.resolve("kamelets");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    @Test
    void everyRouteFileAndKameletTemplateFollowsCamelsYamlDslSchema() throws IOException {
        Schema schema = camelYamlDslSchema();
        List<Path> routeFiles = filesEndingWith(ROUTES, ".camel.yaml");
        assertThat(routeFiles).isNotEmpty();

        List<String> violations = new ArrayList<>();
        for (Path file : routeFiles) {
            violations.addAll(violations(schema, file, yaml.readTree(file.toFile())));
        }
        List<Path> kamelets = filesEndingWith(KAMELETS, ".kamelet.yaml");
        assertThat(kamelets).extracting(kamelet -> kamelet.getFileName().toString())
                .contains("gigachat-image-action.kamelet.yaml", "yandexart-image-action.kamelet.yaml");
        for (Path kamelet : kamelets) {
            JsonNode template = yaml.readTree(kamelet.toFile());
            assertThat(template.path("spec").path("template").path("from").path("steps").size())
                    .as("the steps of %s", kamelet).isPositive();
            violations.addAll(violations(schema, kamelet, templateAsRoute(template)));
        }
        assertThat(violations).as("violations of Camel's YAML DSL schema").isEmpty();
    }

    private Schema camelYamlDslSchema() throws IOException {
        try (InputStream in = RouteFilesSchemaTest.class.getResourceAsStream(CAMEL_SCHEMA)) {
            assertThat(in).as("%s from camel-yaml-dsl on the classpath", CAMEL_SCHEMA).isNotNull();
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        }
    }

    private static List<Path> filesEndingWith(Path folder, String suffix) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** A Kamelet's template ({@code from} and its steps) as the one-route list the schema accepts. */
    private JsonNode templateAsRoute(JsonNode kamelet) {
        JsonNode from = kamelet.path("spec").path("template").path("from");
        ArrayNode routes = yaml.createArrayNode();
        ObjectNode route = routes.addObject().putObject("route");
        route.set("from", from.isMissingNode() ? yaml.nullNode() : from);
        return routes;
    }

    private static List<String> violations(Schema schema, Path file, JsonNode routes) {
        return schema.validate(routes).stream()
                .map((Error error) -> file + " " + error.getInstanceLocation() + ": " + error.getMessage())
                .toList();
    }
}
