package ru.newsmed.imagegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ru.newsmed.imagegen.support.ProviderServiceTest;
import ru.newsmed.imagegen.support.RawHttp;

/**
 * What the web server answers before any route runs (Tomcat's own refusals, Spring's /error) is the
 * contract's JSON error shape too, with the status and code the contract lists. Sent over a plain
 * socket: java.net.http refuses to send most of these requests.
 */
class WebServerErrorsTest extends ProviderServiceTest {

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST"})
    void answers404ForErrorRequestedDirectly(String method) throws Exception {
        RawHttp.Response response = RawHttp.exchange(port, method + " /error HTTP/1.1", "Host: localhost",
                "Content-Type: application/json", "Content-Length: 2", "Connection: close", "", "{}");

        assertContractError(response, 404, "not_found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/images/%00.jpeg", "/images/a%5cb.jpeg", "/images/..;/x", "/api/image-generation/%00"})
    void answers400ForAPathTheServerCannotTake(String path) throws Exception {
        RawHttp.Response response = RawHttp.exchange(port, "GET " + path + " HTTP/1.1", "Host: localhost",
                "Connection: close");

        assertThat(response.status()).as(path).isIn(400, 404);
        assertContractError(response, response.status(), response.status() == 400 ? "invalid_request" : "not_found");
    }

    @Test
    void answers414ForAUrlOver8KB() throws Exception {
        RawHttp.Response response = RawHttp.exchange(port, "GET /images/" + "a".repeat(9 * 1024) + ".jpeg HTTP/1.1",
                "Host: localhost", "Connection: close");

        assertContractError(response, 414, "uri_too_long");
    }

    @Test
    void answers431ForAHeaderOf80KB() throws Exception {
        RawHttp.Response response = RawHttp.exchange(port, "GET /api/image-generation/health HTTP/1.1",
                "Host: localhost", "X-Padding: " + "p".repeat(80 * 1024), "Connection: close");

        assertContractError(response, 431, "headers_too_large");
    }

    @Test
    void answers431ForMoreThan100Headers() throws Exception {
        List<String> head = new ArrayList<>(List.of("GET /api/image-generation/health HTTP/1.1", "Host: localhost",
                "Connection: close"));
        for (int i = 0; i < 101; i++) {
            head.add("X-Header-" + i + ": " + i);
        }

        RawHttp.Response response = RawHttp.exchange(port, head.toArray(String[]::new));

        assertContractError(response, 431, "headers_too_large");
    }

    @Test
    void answers400ForAMalformedRequestLine() throws Exception {
        RawHttp.Response response = RawHttp.exchange(port, "GET /images/x y z HTTP/1.1", "Host: localhost",
                "Connection: close");

        assertContractError(response, 400, "invalid_request");
    }

    private static void assertContractError(RawHttp.Response response, int status, String code) throws Exception {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.body()).startsWith("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("success").isBoolean()).isTrue();
        assertThat(body.path("success").asBoolean()).isFalse();
        assertThat(body.path("error").asText()).isEqualTo(code);
        assertThat(body.path("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("<");
    }
}
