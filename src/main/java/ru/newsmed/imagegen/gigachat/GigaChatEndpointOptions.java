package ru.newsmed.imagegen.gigachat;

import java.util.Locale;
import java.util.function.UnaryOperator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * Derives the TLS options of the two GigaChat endpoints from their URLs, as the properties
 * {@code gigachat.oauth-tls} and {@code gigachat.base-tls} that the routes append to the URIs. An
 * https URL gets GigaChat's own trust ({@link GigaChatTls}); a plain http URL (a local stand-in)
 * gets none, because camel-http switches an endpoint with sslContextParameters to https.
 */
public class GigaChatEndpointOptions implements EnvironmentPostProcessor {

    static final String TLS_OPTIONS = "&sslContextParameters=#imagegenGigachatSslContext&x509HostnameVerifier=#imagegenGigachatHostnameVerifier";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new Options(environment));
    }

    /**
     * Works the options out when they are read, from the URLs as they are then, so property
     * sources added later (a test's dynamic properties, say) count too. Its source is a lookup
     * function, not the Environment itself: Spring Boot would take an Environment for a container
     * of property sources and walk into it again and again.
     */
    static final class Options extends PropertySource<UnaryOperator<String>> {

        Options(ConfigurableEnvironment environment) {
            super("gigachatEndpointOptions", environment::getProperty);
        }

        @Override
        public Object getProperty(String name) {
            return switch (name) {
                case "imagegen.gigachat.oauth-tls" -> tlsOptions(getSource().apply("imagegen.gigachat.oauth-url"));
                case "imagegen.gigachat.base-tls" -> tlsOptions(getSource().apply("imagegen.gigachat.base-url"));
                default -> null;
            };
        }
    }

    private static String tlsOptions(String url) {
        return url != null && url.strip().toLowerCase(Locale.ROOT).startsWith("https:") ? TLS_OPTIONS : "";
    }
}
