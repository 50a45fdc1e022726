package ru.newsmed.imagegen.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.PluginHelper;
import org.springframework.core.env.Environment;

/**
 * Loads our route files into the CamelContext before it starts, beside whatever the application
 * loads itself: the host's {@code camel.main.routes-include-pattern} is left alone. They come from
 * the jar ({@code imagegen/routes/}) or, when {@code IMAGE_ROUTES_DIR} names a folder, from there,
 * so operators can change a route without a rebuild (any other {@code *.camel.yaml} in that folder
 * is loaded too). The REST API (with its jobs), the watched folder and JMS each load only when turned on.
 */
public class BundleRoutes implements CamelContextConfiguration {

    static final String PACKAGED = "imagegen/routes/";
    static final String FOLDER_VARIABLE = "IMAGE_ROUTES_DIR";
    private static final List<String> CORE = List.of("generate.camel.yaml",
            "gigachat.camel.yaml", "yandex.camel.yaml", "storage.camel.yaml", "work.camel.yaml");
    /** The entries a host turns on (all three are on in the service), and the file of each. */
    private static final List<Entry> ENTRIES = List.of(new Entry("imagegen.rest.enabled", "rest-api.camel.yaml"),
            new Entry("imagegen.inbox.enabled", "inbox.camel.yaml"), new Entry("imagegen.jms.enabled", "jms.camel.yaml"));

    private record Entry(String switchName, String file) {
    }

    private final List<String> files = new ArrayList<>(CORE);
    private final Path folder;

    public BundleRoutes(Environment environment) {
        ENTRIES.stream().filter(entry -> environment.getProperty(entry.switchName(), Boolean.class, false))
                .forEach(entry -> files.add(entry.file()));
        this.folder = folder(environment.getProperty("imagegen.routes-dir", ""));
    }

    private static Path folder(String setting) {
        if (setting.isBlank()) {
            return null;
        }
        Path path = Path.of(setting.trim()).toAbsolutePath().normalize();
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException(FOLDER_VARIABLE + " names " + path + ", which is not a folder");
        }
        return path;
    }

    /** The files loaded: ours, by name, of the entries turned on. */
    public List<String> files() {
        return List.copyOf(files);
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        try {
            PluginHelper.getRoutesLoader(camelContext).loadRoutes(resources(camelContext));
        } catch (Exception e) {
            throw new IllegalStateException("The image generation routes could not be loaded: " + e.getMessage(), e);
        }
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
    }

    private List<Resource> resources(CamelContext camelContext) throws Exception {
        List<Resource> resources = new ArrayList<>();
        for (String file : files) {
            Resource resource = PluginHelper.getResourceLoader(camelContext).resolveResource(location(file));
            if (!resource.exists()) {
                throw new IllegalStateException("The route file " + resource.getLocation() + " is missing"
                        + (folder == null ? "" : " (" + FOLDER_VARIABLE + " names " + folder + ")"));
            }
            resources.add(resource);
        }
        if (folder != null) {
            resources.addAll(operatorsOwn(camelContext));
        }
        return resources;
    }

    private String location(String file) {
        return folder == null ? "classpath:" + PACKAGED + file : "file:" + folder.resolve(file);
    }

    /** Other route files an operator put in the folder (not ours, not an entry turned off). */
    private List<Resource> operatorsOwn(CamelContext camelContext) throws Exception {
        List<Resource> own = new ArrayList<>();
        try (var listing = Files.list(folder)) {
            for (Path path : listing.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).sorted().toList()) {
                if (!isOurs(path.getFileName().toString())) {
                    own.add(PluginHelper.getResourceLoader(camelContext).resolveResource("file:" + path));
                }
            }
        }
        return own;
    }

    private static boolean isOurs(String name) {
        return CORE.contains(name) || ENTRIES.stream().anyMatch(entry -> entry.file().equals(name));
    }
}
