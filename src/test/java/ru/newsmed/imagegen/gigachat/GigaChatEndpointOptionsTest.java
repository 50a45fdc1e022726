package ru.newsmed.imagegen.gigachat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** GigaChat's trust goes on https endpoints only: camel-http would force TLS onto a plain http stand-in. */
class GigaChatEndpointOptionsTest {

    @Test
    void addsTheTrustToHttpsUrlsOnly() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "imagegen.gigachat.oauth-url", "https://ngw.devices.sberbank.ru:9443/api/v2/oauth",
                "imagegen.gigachat.base-url", "http://localhost:9911/api/v1")));

        new GigaChatEndpointOptions().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("imagegen.gigachat.oauth-tls")).isEqualTo(GigaChatEndpointOptions.TLS_OPTIONS);
        assertThat(environment.getProperty("imagegen.gigachat.base-tls")).isEmpty();
    }

    @Test
    void followsAUrlSetAfterStartUp() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("defaults", Map.of(
                "imagegen.gigachat.base-url", "https://gigachat.devices.sberbank.ru/api/v1")));
        new GigaChatEndpointOptions().postProcessEnvironment(environment, null);

        environment.getPropertySources().addFirst(new MapPropertySource("later", Map.of(
                "imagegen.gigachat.base-url", "http://127.0.0.1:9911/api/v1")));

        assertThat(environment.getProperty("imagegen.gigachat.base-tls")).isEmpty();
    }
}
