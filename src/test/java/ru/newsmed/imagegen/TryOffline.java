package ru.newsmed.imagegen;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import ru.newsmed.imagegen.emulator.ProviderEmulator;

/**
 * Runs the service wired to the {@link ProviderEmulator}, so the whole flow (REST, the watched
 * folder, JMS) works with no provider account: {@code mvn spring-boot:test-run} starts it, being
 * the only main class among the test classes (should another appear, name this one with
 * {@code -Dspring-boot.run.main-class=ru.newsmed.imagegen.TryOffline}; configuring it in the pom
 * would also change {@code spring-boot:run}). The emulator listens on {@code EMULATOR_PORT} (any
 * free port by default) and lives as long as the service. Each setting below is only a default:
 * an environment variable of the same name wins.
 */
public final class TryOffline {

    private TryOffline() {
    }

    public static void main(String[] args) {
        ProviderEmulator emulator = ProviderEmulator.start(emulatorPort());
        Map<String, Object> settings = emulatorSettings(emulator);
        List<String> fromEnvironment = settings.keySet().stream().filter(name -> System.getenv(name) != null).toList();
        fromEnvironment.forEach(settings::remove);
        ConfigurableApplicationContext service;
        try {
            service = new SpringApplicationBuilder(ImageGenerationApplication.class)
                    .properties(settings)
                    .initializers(context -> ((GenericApplicationContext) context)
                            .registerBean("providerEmulator", ProviderEmulator.class, () -> emulator))
                    .run(args);
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
        if (!fromEnvironment.isEmpty()) {
            System.out.println("Taken from the environment instead of the emulator's settings: "
                    + String.join(", ", fromEnvironment));
        }
        System.out.println(howToCall(emulator, service.getEnvironment().getProperty("local.server.port", "8080")));
    }

    private static Map<String, Object> emulatorSettings(ProviderEmulator emulator) {
        Map<String, Object> settings = new LinkedHashMap<>(emulator.serviceSettings());
        settings.put("IMAGE_ADMIN_TOKEN", "emulator-admin");
        // image_url points at this instance even when SERVER_PORT moves it off 8080.
        settings.put("IMAGE_SERVICE_PUBLIC_BASE_URL", "http://localhost:${server.port}/images");
        return settings;
    }

    private static int emulatorPort() {
        String port = System.getenv("EMULATOR_PORT");
        return port == null || port.isBlank() ? 0 : Integer.parseInt(port.strip());
    }

    private static String howToCall(ProviderEmulator emulator, String servicePort) {
        String apiKey = System.getenv("IMAGE_API_KEY") == null ? "" : " -H \"X-API-Key: $IMAGE_API_KEY\"";
        return "Offline: GigaChat and YandexART emulated on " + emulator.baseUrl()
                + " (REFUSE or BUSY in a prompt gets their errors). Try: curl -s -X POST http://localhost:" + servicePort
                + "/api/image-generation/generate -H 'Content-Type: application/json'" + apiKey
                + " -d '{\"prompt\":\"Врач в кабинете\",\"provider\":\"both\"}'";
    }
}
