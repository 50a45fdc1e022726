package ru.newsmed.imagegen;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import ru.newsmed.imagegen.support.ProviderServiceTest;
import ru.newsmed.imagegen.support.GigaChatStub;

/** The GigaChat flow end to end: what the client gets, what is stored, what GigaChat received. */
class GigaChatGenerationTest extends ProviderServiceTest {

    private static final String UUID_V4 = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    @Test
    void drawsStoresAndServesTheImageGigaChatMade() throws Exception {
        String fileId = UUID.randomUUID().toString();
        byte[] image = GigaChatStub.realImage();
        GigaChatStub.stubDrawing(fileId, image);

        HttpResponse<String> response = generate("""
                {"prompt": "Врач осматривает пациента, мультяшный стиль", "style_instructions": "крупный план",
                 "seed": 42, "width_ratio": 2, "unknown_field": true}""",
                "X-Request-ID", "req-happy-1", "X-Secret-Header", "do-not-forward");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = json(response);
        String imageId = body.path("image_id").asText();
        assertThat(imageId).matches(UUID_V4);
        assertThat(body.path("image_url").asText()).isEqualTo("http://localhost:8080/images/" + imageId + ".jpeg");
        assertThat(body.path("model_used").asText()).isEqualTo("gigachat-kandinsky-3.1-GigaChat-2");
        assertThat(body.path("success").asBoolean()).isTrue();
        assertThat(body.path("message").asText()).isEqualTo("Изображение успешно сгенерировано");
        assertThat(body.path("provider").asText()).isEqualTo("gigachat");
        assertThat(body.path("fallback_used").isBoolean()).isTrue();
        assertThat(body.path("fallback_used").asBoolean()).isFalse();
        assertThat(body.path("duration_ms").isIntegralNumber()).isTrue();
        assertThat(response.headers().map().keySet()).noneMatch(name -> name.equalsIgnoreCase("X-Secret-Header")
                || name.toLowerCase().startsWith("camel") || name.equalsIgnoreCase("Authorization"));

        HttpResponse<byte[]> served = getBytes("/images/" + imageId + ".jpeg");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(served.body()).isEqualTo(image);
        assertThat(Files.readAllBytes(storage.resolve(imageId + ".jpeg"))).isEqualTo(image);

        WireMockServer wm = GigaChatStub.server();
        LoggedRequest oauth = wm.findAll(postRequestedFor(urlEqualTo(GigaChatStub.OAUTH_PATH))).get(0);
        assertThat(oauth.getHeader("Authorization")).isEqualTo("Basic " + GigaChatStub.AUTH_KEY);
        assertThat(oauth.getHeader("RqUID")).matches(UUID_V4);
        assertThat(oauth.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(oauth.getBodyAsString()).isEqualTo("scope=GIGACHAT_API_PERS");

        LoggedRequest chat = wm.findAll(postRequestedFor(urlEqualTo(GigaChatStub.CHAT_PATH))).get(0);
        assertThat(chat.getHeader("Authorization")).startsWith("Bearer tok-");
        assertThat(chat.getHeader("X-Client-ID")).isEqualTo(GigaChatStub.CLIENT_ID);
        assertThat(chat.getHeaders().keys()).noneMatch(name -> name.toLowerCase().startsWith("camel")
                || name.equalsIgnoreCase("X-Secret-Header"));
        JsonNode sent = JSON.readTree(chat.getBodyAsString());
        assertThat(sent.path("model").asText()).isEqualTo("GigaChat-2");
        assertThat(sent.path("function_call").asText()).isEqualTo("auto");
        assertThat(sent.path("messages").path(0).path("role").asText()).isEqualTo("system");
        assertThat(sent.path("messages").path(0).path("content").asText())
                .contains("фотореалистичные").endsWith("крупный план");
        String user = sent.path("messages").path(1).path("content").asText();
        assertThat(sent.path("messages").path(1).path("role").asText()).isEqualTo("user");
        assertThat(user).startsWith("Нарисуй Врач осматривает пациента")
                .doesNotContainIgnoringCase("мультяшный")
                .contains("естественное освещение");

        LoggedRequest download = wm.findAll(getRequestedFor(urlEqualTo(GigaChatStub.contentPath(fileId)))).get(0);
        assertThat(download.getHeader("Authorization")).isEqualTo(chat.getHeader("Authorization"));
        assertThat(download.getHeader("X-Client-ID")).isEqualTo(GigaChatStub.CLIENT_ID);
        assertThat(GigaChatStub.downloads()).isEqualTo(1);
    }

    @Test
    void sendsThePromptAndStyleWithoutControlOrBidiCharactersAndRecordsThePromptAsGiven() throws Exception {
        gigachatDraws();

        JsonNode body = json(generate("{\"prompt\": \"Врач\\u001b[31m у\\u0000 окна\\u202e\\u200f\\u0007 и свет\", "
                + "\"style_instructions\": \"тёплые\\u001b[0m\\u2066 тона\\u0085\"}"));

        JsonNode sent = JSON.readTree(GigaChatStub.server().findAll(postRequestedFor(urlEqualTo(GigaChatStub.CHAT_PATH)))
                .get(0).getBodyAsString());
        assertThat(sent.path("messages").path(1).path("content").asText()).startsWith("Нарисуй Врач[31m у окна и свет");
        assertThat(sent.path("messages").path(0).path("content").asText()).endsWith("\nтёплые[0m тона");
        for (JsonNode message : sent.path("messages")) {
            assertThat(message.path("content").asText()).doesNotContain("\u001b", "\u0000", "\u202e", "\u200f", "\u0007",
                    "\u2066", "\u0085");
        }
        JsonNode provenance = JSON.readTree(storage.resolve(body.path("image_id").asText() + ".json").toFile());
        assertThat(provenance.path("prompt_given").asText()).isEqualTo("Врач\u001b[31m у\u0000 окна\u202e\u200f\u0007 и свет");
        assertThat(provenance.path("prompt_sanitized").asText()).isEqualTo("Врач[31m у окна и свет");
    }

    @Test
    void recordsTheProvenanceBesideTheImage() throws Exception {
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubDrawing(fileId, GigaChatStub.realImage());

        JsonNode body = json(generate("{\"prompt\": \"  Хирург в операционной, аниме  \", \"seed\": \"9223372036854775807\"}",
                "X-Request-ID", "provenance-req-7"));

        Path record = storage.resolve(body.path("image_id").asText() + ".json");
        JsonNode provenance = JSON.readTree(Files.readString(record));
        assertThat(provenance.path("image_id").asText()).isEqualTo(body.path("image_id").asText());
        assertThat(provenance.path("image_name").asText()).isEqualTo(body.path("image_id").asText() + ".jpeg");
        assertThat(provenance.path("provider").asText()).isEqualTo("gigachat");
        assertThat(provenance.path("model_used").asText()).isEqualTo("gigachat-kandinsky-3.1-GigaChat-2");
        assertThat(provenance.path("prompt_given").asText()).isEqualTo("Хирург в операционной, аниме");
        assertThat(provenance.path("prompt_sanitized").asText()).isEqualTo("Хирург в операционной");
        assertThat(provenance.path("prompt_sent").asText()).startsWith("Нарисуй Хирург в операционной. ");
        assertThat(provenance.path("seed").asText()).isEqualTo("9223372036854775807");
        assertThat(provenance.path("request_id").asText()).isEqualTo("provenance-req-7");
        assertThat(provenance.path("created_at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        try (var files = Files.list(storage)) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith(".tmp-"));
        }
    }

    @Test
    void storesAPngUnderItsOwnNameAndType() throws Exception {
        String fileId = UUID.randomUUID().toString();
        byte[] png = new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        GigaChatStub.stubDrawing(fileId, png);

        JsonNode body = json(generate("{\"prompt\": \"Лаборатория\"}"));

        assertThat(body.path("image_url").asText()).endsWith(body.path("image_id").asText() + ".png");
        HttpResponse<byte[]> served = getBytes("/images/" + body.path("image_id").asText() + ".png");
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(served.body()).isEqualTo(png);
    }

    @Test
    void refusesATextOnlyReply() {
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH)
                .willReturn(GigaChatStub.chatReply("Я не могу нарисовать это, но могу рассказать о теме.", "stop")));

        HttpResponse<String> response = generate("{\"prompt\": \"Что-то\"}");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).path("error").asText()).isEqualTo("content_refused");
        assertThat(json(response).path("message").asText()).contains("text instead of an image");
        assertThat(GigaChatStub.downloads()).isZero();
    }

    @Test
    void refusesABlacklistedTopic() {
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH)
                .willReturn(GigaChatStub.chatReply("Не люблю менять тему разговора, но вот сейчас тот самый случай.",
                        "blacklist")));

        HttpResponse<String> response = generate("{\"prompt\": \"Запретная тема\"}");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).path("error").asText()).isEqualTo("content_refused");
        assertThat(json(response).path("message").asText()).contains("blacklist");
    }

    @Test
    void neverFetchesASourceThatIsNotAFileId() {
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH)
                .willReturn(GigaChatStub.chatReply("<img src=\"../../oauth?steal=1\" fuse=\"true\"/>", "stop")));

        HttpResponse<String> response = generate("{\"prompt\": \"Маяк\"}");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("error").asText()).isEqualTo("provider_failed");
        assertThat(json(response).path("message").asText()).contains("not a file id");
        assertThat(GigaChatStub.server().getAllServeEvents())
                .allMatch(event -> event.getRequest().getMethod().getName().equals("POST"));
    }

    @Test
    void failsAfterItsRetriesWhenTheDownloadIsNeverAnImage() throws Exception {
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.drawn(fileId)));
        GigaChatStub.server().stubFor(get(GigaChatStub.contentPath(fileId)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withBody("<html><body>Access denied</body></html>")));
        long storedBefore = countStored();

        HttpResponse<String> response = generate("{\"prompt\": \"Маяк\"}");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("error").asText()).isEqualTo("provider_failed");
        assertThat(json(response).path("message").asText()).contains("not a JPEG or PNG");
        assertThat(GigaChatStub.downloads()).as("1 + GIGACHAT_MAX_RETRIES").isEqualTo(3);
        assertThat(countStored()).isEqualTo(storedBefore);
    }

    @Test
    void sendsTheClientIdAndNoneOfTheCallersHeaders() {
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubDrawing(fileId, GigaChatStub.realImage());

        generate("{\"prompt\": \"Маяк\"}", "X-API-Key", "callers-own-key", "Cookie", "session=1");

        GigaChatStub.server().verify(postRequestedFor(urlEqualTo(GigaChatStub.CHAT_PATH))
                .withHeader("X-Client-ID", equalTo(GigaChatStub.CLIENT_ID))
                .withHeader("Content-Type", matching("application/json.*"))
                .withHeader("X-API-Key", absent())
                .withHeader("Cookie", absent()));
    }

    private static long countStored() throws Exception {
        if (!Files.isDirectory(storage)) {
            return 0;
        }
        try (var files = Files.list(storage)) {
            return files.count();
        }
    }
}
