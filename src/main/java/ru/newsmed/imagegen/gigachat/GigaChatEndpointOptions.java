package ru.newsmed.imagegen.gigachat;

import java.util.Locale;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Derives the TLS options of the two GigaChat endpoints from their URLs, as the properties
 * {@code gigachat.oauth-tls} and {@code gigachat.base-tls} that the routes append to the URIs. An
 * https URL gets GigaChat's own trust ({@link GigaChatTls}); a plain http URL (a local stand-in)
 * gets none, because camel-http switches an endpoint with sslContextParameters to https.
 */
public class GigaChatEndpointOptions implements EnvironmentPostProcessor {

    static final String TLS_OPTIONS = "&sslContextParameters=#gigachatSslContext&x509HostnameVerifier=#gigachatHostnameVerifier";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("gigachatEndpointOptions", Map.of(
                "gigachat.oauth-tls", tlsOptions(environment.getProperty("gigachat.oauth-url")),
                "gigachat.base-tls", tlsOptions(environment.getProperty("gigachat.base-url")))));
    }

    private static String tlsOptions(String url) {
        return url != null && url.strip().toLowerCase(Locale.ROOT).startsWith("https:") ? TLS_OPTIONS : "";
    }
}
