package ru.newsmed.imagegen.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;

/**
 * The build makes two jars: the bundle as a plain library (what a host depends on) and the runnable
 * service beside it.
 */
class PackagedJarsIT {

    @Test
    void theLibraryIsAPlainJarWithTheAutoConfigurationRoutesKameletsAndMetadata() throws IOException {
        try (JarFile jar = new JarFile(System.getProperty("library.jar"))) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            assertThat(names).noneMatch(name -> name.startsWith("BOOT-INF/"));
            assertThat(names).contains(
                    "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports",
                    "META-INF/spring-configuration-metadata.json",
                    "ru/newsmed/imagegen/autoconfigure/ImageGenerationAutoConfiguration.class",
                    "imagegen/application.yml",
                    "imagegen/routes/generate.camel.yaml",
                    "kamelets/gigachat-image-action.kamelet.yaml",
                    "kamelets/yandexart-image-action.kamelet.yaml");
            // nothing a host would load as its own configuration or routes
            assertThat(names).doesNotContain("application.yml", "config/application.yml",
                    "application.properties", "routes/generate.camel.yaml",
                    "logback-spring.xml", "logback.xml");
            assertThat(names).noneMatch(name -> name.startsWith("camel/"));
        }
    }

    @Test
    void theServiceIsAnExecutableJarBesideIt() throws IOException {
        try (JarFile jar = new JarFile(System.getProperty("exec.jar"))) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Start-Class"))
                    .isEqualTo("ru.newsmed.imagegen.ImageGenerationApplication");
            assertThat(jar.getEntry("BOOT-INF/classes/imagegen/routes/generate.camel.yaml")).isNotNull();
        }
    }
}
