package ru.newsmed.imagegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ru.newsmed.imagegen.support.ProviderServiceTest;
import ru.newsmed.imagegen.support.GigaChatStub;

/** Every way a client can get a request wrong: the contract's error shape, never a 500, no provider call. */
class RequestValidationTest extends ProviderServiceTest {

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of("{}", "prompt"),
                Arguments.of("{\"prompt\": \"\"}", "prompt"),
                Arguments.of("{\"prompt\": \"   \\n\\t \"}", "prompt"),
                Arguments.of("{\"prompt\": null}", "prompt"),
                Arguments.of("{\"prompt\": 5}", "prompt"),
                Arguments.of("{\"prompt\": [\"a\"]}", "prompt"),
                Arguments.of("{\"prompt\": \"" + "я".repeat(1001) + "\"}", "prompt"),
                Arguments.of("{\"prompt\": \"\\u0000\\u001b\\u202e\\u2069 \\u0085\"}", "prompt"),
                Arguments.of("{\"prompt\": \"x\", \"width_ratio\": \"2\"}", "width_ratio"),
                Arguments.of("{\"prompt\": \"x\", \"width_ratio\": 1.5}", "width_ratio"),
                Arguments.of("{\"prompt\": \"x\", \"width_ratio\": 2.0}", "width_ratio"),
                Arguments.of("{\"prompt\": \"x\", \"width_ratio\": 3}", "width_ratio"),
                Arguments.of("{\"prompt\": \"x\", \"width_ratio\": 0}", "width_ratio"),
                Arguments.of("{\"prompt\": \"x\", \"height_ratio\": true}", "height_ratio"),
                Arguments.of("{\"prompt\": \"x\", \"height_ratio\": 99999999999999999999}", "height_ratio"),
                Arguments.of("{\"prompt\": \"x\", \"seed\": -1}", "seed"),
                Arguments.of("{\"prompt\": \"x\", \"seed\": 1.5}", "seed"),
                Arguments.of("{\"prompt\": \"x\", \"seed\": \"abc\"}", "seed"),
                Arguments.of("{\"prompt\": \"x\", \"seed\": \"-5\"}", "seed"),
                Arguments.of("{\"prompt\": \"x\", \"seed\": 9223372036854775808}", "seed"),
                Arguments.of("{\"prompt\": \"x\", \"seed\": \"9223372036854775808\"}", "seed"),
                Arguments.of("{\"prompt\": \"x\", \"provider\": \"dalle\"}", "provider"),
                Arguments.of("{\"prompt\": \"x\", \"provider\": 1}", "provider"),
                Arguments.of("{\"prompt\": \"x\", \"style_instructions\": \"" + "s".repeat(501) + "\"}", "style_instructions"),
                Arguments.of("{\"prompt\": \"x\", \"style_instructions\": {\"a\": 1}}", "style_instructions"),
                Arguments.of("[]", "body"),
                Arguments.of("\"just a string\"", "body"),
                Arguments.of("{\"prompt\": \"x\"", "body"),
                Arguments.of("{bad json", "body"),
                Arguments.of("", "body"),
                Arguments.of("[".repeat(5000), "body"),
                Arguments.of("{\"prompt\": \"x\"} garbage", "body"),
                Arguments.of("{\"prompt\": \"x\"}\u0000", "body"),
                Arguments.of("{\"prompt\": \"x\"}{\"prompt\": \"y\"}", "body"),
                Arguments.of("{\"prompt\": 123, \"prompt\": \"x\"}", "body"),
                Arguments.of("{\"prompt\": \"x\", \"seed\": 1, \"seed\": 2}", "body"));
    }

    @ParameterizedTest
    @MethodSource("invalidBodies")
    void refusesAnInvalidFieldNamingIt(String body, String field) {
        HttpResponse<String> response = generate(body);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json(response);
        assertThat(error.path("success").asBoolean(true)).isFalse();
        assertThat(error.path("error").asText()).isEqualTo("invalid_request");
        assertThat(error.path("field").asText()).isEqualTo(field);
        assertThat(error.path("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(GigaChatStub.server().getAllServeEvents()).isEmpty();
    }

    @Test
    void acceptsEveryFieldAtItsLimits() {
        GigaChatStub.stubDrawing(UUID.randomUUID().toString(), GigaChatStub.smallJpeg());

        HttpResponse<String> response = generate("{\"prompt\": \"" + "я".repeat(1000) + "\", \"width_ratio\": 2,"
                + " \"height_ratio\": 2, \"seed\": \"0\", \"provider\": \"gigachat\", \"style_instructions\": \""
                + "s".repeat(500) + "\"}");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void countsThePromptsLengthWithoutItsControlCharacters() {
        gigachatDraws();

        HttpResponse<String> response = generate("{\"prompt\": \"" + "я\\u001b".repeat(1000) + "\\u0000\\u202e\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void drawsThePromptNull() {
        gigachatDraws();

        assertThat(generate("{\"prompt\": \"null\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void refusesABodyOver64KiB() {
        String big = "{\"prompt\": \"x\", \"pad\": \"" + "a".repeat(65536) + "\"}";

        HttpResponse<String> response = generate(big);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).path("error").asText()).isEqualTo("too_large");
    }

    @Test
    void refusesAChunkedBodyOver64KiB() {
        byte[] big = ("{\"prompt\": \"x\", \"pad\": \"" + "a".repeat(70000) + "\"}").getBytes();
        HttpRequest request = HttpRequest.newBuilder(uri("/api/image-generation/generate"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build();

        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).path("error").asText()).isEqualTo("too_large");
    }

    @Test
    void refusesAContentTypeOtherThanJson() {
        HttpResponse<String> response = generate("{\"prompt\": \"x\"}", "Content-Type", "text/plain");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(response).path("error").asText()).isEqualTo("unsupported_media_type");
    }

    @Test
    void refusesABodyThatIsNotUtf8AsInvalidJson() {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/image-generation/generate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[]{'{', '"', 'p', '"', ':', '"', (byte) 0xC3, '(', '"', '}'}))
                .build();

        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).isEqualTo("invalid_request");
        assertThat(GigaChatStub.server().getAllServeEvents()).isEmpty();
    }

    @Test
    void refusesAPostWithoutContentType() {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/image-generation/generate"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"x\"}")).build();

        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(json(response).path("error").asText()).isEqualTo("unsupported_media_type");
    }

    @Test
    void answers405ForAWrongMethod() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/image-generation/generate")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(json(response).path("error").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void answers404ForAnUnknownPath() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/image-generation/draw"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error").asText()).isEqualTo("not_found");
    }

    @Test
    void servesNothingButStoredImagesByTheirNames() {
        for (String name : new String[]{"..%2F..%2Fetc%2Fpasswd", "..%2Fapplication.yml", UUID.randomUUID() + ".jpeg",
                UUID.randomUUID() + ".json", "%2e%2e", "x.jpeg"}) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/images/" + name)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(name).isEqualTo(404);
            assertThat(json(response).path("error").asText()).as(name).isEqualTo("not_found");
        }
    }
}
