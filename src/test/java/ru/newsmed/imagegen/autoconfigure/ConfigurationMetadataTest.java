package ru.newsmed.imagegen.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every imagegen.* setting of config/application.yml is in the configuration metadata the jar
 * ships (META-INF/spring-configuration-metadata.json), with a description, so an IDE completes
 * and explains it in a host's own configuration.
 */
class ConfigurationMetadataTest {

    @Test
    void everyImagegenSettingHasMetadataWithADescription() throws IOException {
        Map<String, String> described = new HashMap<>();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the metadata the configuration processor writes").isNotNull();
            for (JsonNode property : new ObjectMapper().readTree(in).get("properties")) {
                described.put(property.get("name").asText(), property.path("description").asText(""));
            }
        }

        Set<String> settings = new TreeSet<>();
        try (Reader reader = Files.newBufferedReader(Path.of("config", "application.yml"))) {
            Map<String, Object> yaml = new Yaml().load(reader);
            collect("imagegen", yaml.get("imagegen"), settings);
        }

        assertThat(settings).hasSizeGreaterThan(50);
        assertThat(settings).allSatisfy(name -> assertThat(described.get(name)).as(name).isNotBlank());
    }

    private static void collect(String prefix, Object value, Set<String> names) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, inner) -> collect(prefix + "." + key, inner, names));
        } else {
            names.add(prefix);
        }
    }
}
