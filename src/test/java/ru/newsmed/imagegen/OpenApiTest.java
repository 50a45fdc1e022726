package ru.newsmed.imagegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import ru.newsmed.imagegen.support.ProviderServiceTest;

/** The OpenAPI document lists every endpoint with its schemas and error codes. */
class OpenApiTest extends ProviderServiceTest {

    @Test
    void documentsEveryEndpointWithSchemasAndErrorCodes() {
        HttpResponse<String> response = httpGet("/api/image-generation/api-doc");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode doc = json(response);
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        JsonNode paths = doc.path("paths");
        assertThat(paths.has("/api/image-generation/generate")).as(paths.toString()).isTrue();
        assertThat(paths.has("/api/image-generation/upload")).isTrue();
        assertThat(paths.has("/api/image-generation/admin/routing")).isTrue();
        assertThat(paths.has("/api/image-generation/health")).isTrue();
        assertThat(paths.has("/api/image-generation/status")).isTrue();
        assertThat(paths.has("/images/{name}")).isTrue();
        JsonNode generate = paths.path("/api/image-generation/generate").path("post");
        assertThat(generate.path("responses").fieldNames()).toIterable()
                .contains("200", "400", "401", "413", "415", "422", "502", "503", "504");
        JsonNode schemas = doc.path("components").path("schemas");
        assertThat(schemas.path("GenerateRequest").path("properties").has("width_ratio")).as(schemas.toString()).isTrue();
        assertThat(schemas.path("GenerateRequest").path("required").toString()).contains("prompt");
        assertThat(schemas.path("GeneratedImage").path("properties").has("fallback_used")).isTrue();
        assertThat(schemas.path("Error").path("properties").path("error").path("enum").toString())
                .contains("content_refused", "provider_failed", "timeout");
    }
}
