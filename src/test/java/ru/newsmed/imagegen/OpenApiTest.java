package ru.newsmed.imagegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;
import ru.newsmed.imagegen.errors.ErrorCode;
import ru.newsmed.imagegen.support.ProviderServiceTest;

/** The OpenAPI document lists every endpoint with its schemas, error codes and credentials, as valid OpenAPI 3. */
class OpenApiTest extends ProviderServiceTest {

    private static final String API_DOC = "/api/image-generation/api-doc";

    @Test
    void documentsEveryEndpointWithSchemasAndErrorCodes() {
        HttpResponse<String> response = httpGet(API_DOC);

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
        assertThat(schemas.path("Error").path("properties").path("error").path("enum")).as("every ErrorCode")
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toArray(String[]::new));
    }

    @Test
    void isAValidOpenApi3DocumentByTheSwaggerParser() {
        HttpResponse<String> response = httpGet(API_DOC);

        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(response.body());

        assertThat(parsed.getMessages()).as(response.body()).isEmpty();
        assertThat(parsed.getOpenAPI()).isNotNull();
    }

    @Test
    void describesTheUploadAsAMultipartBodyWithABinaryFilePart() {
        JsonNode doc = json(httpGet(API_DOC));

        JsonNode upload = doc.path("paths").path("/api/image-generation/upload").path("post");
        assertThat(upload.path("parameters").findValuesAsText("in")).doesNotContain("formData");
        JsonNode form = upload.path("requestBody").path("content").path("multipart/form-data").path("schema");
        assertThat(form.isMissingNode()).as(upload.toString()).isFalse();
        JsonNode schema = form.has("$ref") ? resolve(doc, form.path("$ref").asText()) : form;
        assertThat(schema.path("type").asText()).isEqualTo("object");
        assertThat(schema.path("properties").path("file").path("type").asText()).isEqualTo("string");
        assertThat(schema.path("properties").path("file").path("format").asText()).isEqualTo("binary");
        assertThat(schema.path("required").toString()).contains("file");
    }

    @Test
    void declaresTheApiKeyAndTheAdminTokenAndAppliesThemPerOperation() {
        JsonNode doc = json(httpGet(API_DOC));

        JsonNode schemes = doc.path("components").path("securitySchemes");
        assertThat(schemes.path("ApiKey").path("type").asText()).as(schemes.toString()).isEqualTo("apiKey");
        assertThat(schemes.path("ApiKey").path("in").asText()).isEqualTo("header");
        assertThat(schemes.path("ApiKey").path("name").asText()).isEqualTo("X-API-Key");
        assertThat(schemes.path("AdminToken").path("type").asText()).isEqualTo("http");
        assertThat(schemes.path("AdminToken").path("scheme").asText()).isEqualTo("bearer");
        JsonNode paths = doc.path("paths");
        for (String keyed : List.of("/api/image-generation/generate|post", "/api/image-generation/upload|post",
                "/api/image-generation/status|get")) {
            String[] op = keyed.split("\\|");
            assertThat(requirements(paths.path(op[0]).path(op[1]))).as(keyed).containsExactly(List.of("ApiKey"));
        }
        assertThat(requirements(paths.path("/api/image-generation/admin/routing").path("post")))
                .containsExactly(List.of("ApiKey", "AdminToken"));
        assertThat(paths.path("/api/image-generation/health").path("get").path("security").isArray()).isTrue();
        assertThat(requirements(paths.path("/api/image-generation/health").path("get"))).isEmpty();
        assertThat(requirements(paths.path("/images/{name}").path("get"))).isEmpty();
        assertThat(doc.has("security")).isFalse();
    }

    @Test
    void namesTheServerByTheOriginOfThePublicBaseUrl() {
        JsonNode doc = json(httpGet(API_DOC));

        assertThat(doc.path("servers").path(0).path("url").asText()).isEqualTo("http://localhost:8080");
    }

    /** Each security requirement of an operation, as the list of scheme names it needs together. */
    private static List<List<String>> requirements(JsonNode operation) {
        List<List<String>> requirements = new ArrayList<>();
        for (JsonNode requirement : operation.path("security")) {
            List<String> names = new ArrayList<>();
            requirement.fieldNames().forEachRemaining(names::add);
            requirements.add(names);
        }
        return requirements;
    }

    private static JsonNode resolve(JsonNode doc, String ref) {
        return doc.at(ref.substring(1));
    }
}
