package ru.newsmed.imagegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import ru.newsmed.imagegen.support.ProviderServiceTest;
import ru.newsmed.imagegen.support.TestImages;

/** No answer, a route's, the API document's or the web server's, echoes a request header (but X-Request-ID). */
class HeaderEchoTest extends ProviderServiceTest {

    private static final Map<String, String> SENT = Map.of(
            "X-API-Key", "api-key-value-5c2e",
            "Authorization", "Bearer bearer-value-d40a",
            "Cookie", "probe=cookie-value-7f31",
            "X-Custom-Secret", "custom-secret-value-91ab");

    @Test
    void noAnswerEchoesTheCallersHeaders() {
        gigachatDraws();
        Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
        answers.put("generate 200", send("POST", "/api/image-generation/generate", "{\"prompt\": \"x\"}"));
        answers.put("generate 400", send("POST", "/api/image-generation/generate", "{\"prompt\": \"\"}"));
        answers.put("upload 200", upload());
        answers.put("status 200", send("GET", "/api/image-generation/status", null));
        answers.put("health 200", send("GET", "/api/image-generation/health", null));
        answers.put("admin 401", send("POST", "/api/image-generation/admin/routing", "{}"));
        answers.put("admin 200", send("POST", "/api/image-generation/admin/routing", "{}",
                "Authorization", "Bearer " + ADMIN_TOKEN));
        answers.put("api-doc 200", send("GET", "/api/image-generation/api-doc", null));
        String image = URI.create(json(answers.get("generate 200")).path("image_url").asText()).getPath();
        answers.put("image 200", send("GET", image, null));
        answers.put("image 404", send("GET", "/images/00000000-0000-4000-8000-000000000000.jpeg", null));
        answers.put("unknown path 404", send("GET", "/no/such/path", null));
        answers.put("wrong method 405", send("POST", "/api/image-generation/health", "{}"));
        answers.put("media type 415", send("POST", "/api/image-generation/generate", "x", "Content-Type", "text/plain"));
        answers.put("actuator 200", send("GET", "/actuator/health", null));

        assertThat(answers).extractingFromEntries(entry -> entry.getKey() + " " + entry.getValue().statusCode())
                .containsExactly("generate 200 200", "generate 400 400", "upload 200 200", "status 200 200",
                        "health 200 200", "admin 401 401", "admin 200 200", "api-doc 200 200", "image 200 200",
                        "image 404 404", "unknown path 404 404", "wrong method 405 405", "media type 415 415",
                        "actuator 200 200");
        answers.forEach((name, response) -> {
            Map<String, List<String>> headers = response.headers().map();
            assertThat(headers.keySet()).as(name + ": " + headers)
                    .noneMatch(header -> SENT.keySet().stream().anyMatch(header::equalsIgnoreCase));
            assertThat(headers.values().toString()).as(name + ": " + headers)
                    .doesNotContain(SENT.values()).doesNotContain("cookie-value", ADMIN_TOKEN);
        });
    }

    /** A request with the probe headers, plus name-value pairs that replace them. */
    private HttpResponse<String> send(String method, String path, String json, String... overrides) {
        Map<String, String> headers = new LinkedHashMap<>(SENT);
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            headers.put(overrides[i], overrides[i + 1]);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            headers.putIfAbsent("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> upload() {
        String boundary = "----echo-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\""
                + "\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(TestImages.jpeg(8, 8));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/image-generation/upload"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        SENT.forEach(request::header);
        return send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
