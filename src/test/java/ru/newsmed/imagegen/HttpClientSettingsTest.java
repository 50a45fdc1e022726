package ru.newsmed.imagegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import ru.newsmed.imagegen.support.ProviderServiceTest;

/**
 * The providers are reached over https in production (and GigaChat is here too): the settings of
 * the HTTP client must hold for the "https" component as for "http", not only for the one Spring
 * Boot's starter configures. Images come back read straight into one array (no growing stream
 * cache).
 */
class HttpClientSettingsTest extends ProviderServiceTest {

    @Autowired
    CamelContext camel;

    @Test
    void httpAndHttpsComponentsShareTheClientSettings() {
        for (String scheme : List.of("http", "https")) {
            HttpComponent component = camel.getComponent(scheme, HttpComponent.class);
            assertThat(component.isAutomaticRetriesDisabled()).as(scheme + " automatic retries disabled").isTrue();
            assertThat(component.getMaxTotalConnections()).as(scheme + " max total connections").isEqualTo(500);
            assertThat(component.getConnectionsPerRoute()).as(scheme + " connections per route").isEqualTo(500);
            assertThat(component.getResponsePayloadStreamingThreshold()).as(scheme + " answers read whole up to")
                    .isEqualTo(32 * 1024 * 1024);
        }
    }
}
