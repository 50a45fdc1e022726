package ru.newsmed.imagegen.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The emulator itself keeps to the providers' wire protocols, errors included (no Spring here). */
class ProviderEmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ProviderEmulator EMULATOR = ProviderEmulator.start(0);
    private static final String YANDEX_AUTH = "Api-Key emulator-key";

    @AfterAll
    static void stop() {
        EMULATOR.close();
    }

    // --- GigaChat

    @Test
    void oauthGivesATokenOfAboutAKilobyteExpiringInThirtyMinutesInMilliseconds() throws Exception {
        JsonNode token = json(oauth(UUID.randomUUID().toString(), "scope=GIGACHAT_API_PERS"), 200);

        assertThat(token.path("access_token").asText()).hasSizeBetween(1000, 1500);
        long expiresAt = token.path("expires_at").asLong();
        assertThat(expiresAt - System.currentTimeMillis()).isBetween(29 * 60_000L, 30 * 60_000L);
    }

    @Test
    void oauthWantsAUuidV4RqUidAndAScope() throws Exception {
        assertThat(json(oauth("not-a-uuid", "scope=GIGACHAT_API_PERS"), 400).has("code")).isTrue();
        assertThat(json(oauth(UUID.nameUUIDFromBytes(new byte[1]).toString(), "scope=GIGACHAT_API_PERS"), 400)
                .has("message")).as("a v3 UUID").isTrue();
        assertThat(json(oauth(UUID.randomUUID().toString(), "scope="), 400).path("code").asInt()).isEqualTo(5);
    }

    @Test
    void chatWithoutAnIssuedTokenIs401() throws Exception {
        HttpResponse<String> response = send(post(EMULATOR.gigachatBaseUrl() + "/chat/completions", chatBody("Врач"))
                .header("Authorization", "Bearer made-up"));

        assertThat(json(response, 401).path("message").asText()).isEqualTo("Unauthorized");
    }

    @Test
    void chatDrawsAFileThatOnlyTheSameClientIdMayDownload() throws Exception {
        String token = token();
        HttpResponse<String> chat = send(post(EMULATOR.gigachatBaseUrl() + "/chat/completions", chatBody("Врач"))
                .header("Authorization", "Bearer " + token).header("X-Client-ID", "client-1"));
        JsonNode choice = json(chat, 200).path("choices").get(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        Matcher image = Pattern.compile("<img src=\"([0-9a-f-]{36})\" fuse=\"true\"/>").matcher(choice.path("message").path("content").asText());
        assertThat(image.find()).isTrue();
        String content = EMULATOR.gigachatBaseUrl() + "/files/" + image.group(1) + "/content";

        HttpResponse<byte[]> other = bytes(get(content).header("Authorization", "Bearer " + token).header("X-Client-ID", "client-2"));
        HttpResponse<byte[]> same = bytes(get(content).header("Authorization", "Bearer " + token).header("X-Client-ID", "client-1"));

        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(new String(other.body())).contains("Access to file '" + image.group(1) + "' is denied");
        assertThat(same.statusCode()).isEqualTo(200);
        assertThat(same.body()).startsWith(0xFF, 0xD8, 0xFF);
    }

    @Test
    void anUnknownFileIs404() throws Exception {
        HttpResponse<byte[]> response = bytes(get(EMULATOR.gigachatBaseUrl() + "/files/" + UUID.randomUUID() + "/content")
                .header("Authorization", "Bearer " + token()));

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void chatMarkersGiveABlacklistAnswerAndA429() throws Exception {
        String token = token();
        HttpResponse<String> refused = send(post(EMULATOR.gigachatBaseUrl() + "/chat/completions", chatBody("refuse это"))
                .header("Authorization", "Bearer " + token));
        HttpResponse<String> busy = send(post(EMULATOR.gigachatBaseUrl() + "/chat/completions", chatBody("Busy это"))
                .header("Authorization", "Bearer " + token));

        JsonNode choice = json(refused, 200).path("choices").get(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("blacklist");
        assertThat(choice.path("message").path("content").asText()).doesNotContain("<img");
        assertThat(json(busy, 429).path("message").asText()).isEqualTo("Too many requests");
    }

    @Test
    void aFixedPictureAndALatencyStandInForTheDrawingOfBothProviders() throws Exception {
        byte[] picture = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x42, 0x42};
        EMULATOR.picture(picture).latency(Duration.ofMillis(300));
        try {
            long start = System.nanoTime();
            HttpResponse<String> chat = send(post(EMULATOR.gigachatBaseUrl() + "/chat/completions", chatBody("Врач"))
                    .header("Authorization", "Bearer " + token()));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            Matcher image = Pattern.compile("<img src=\"([0-9a-f-]{36})\"")
                    .matcher(json(chat, 200).path("choices").get(0).path("message").path("content").asText());
            assertThat(image.find()).isTrue();
            assertThat(bytes(get(EMULATOR.gigachatBaseUrl() + "/files/" + image.group(1) + "/content")
                    .header("Authorization", "Bearer " + token())).body()).isEqualTo(picture);

            EMULATOR.pendingPolls(0);
            String id = json(send(post(startUrl(), startBody("Врач", "\"2\"")).header("Authorization", YANDEX_AUTH)), 200)
                    .path("id").asText();
            assertThat(poll(id).path("done").asBoolean()).as("not done before the latency").isFalse();
            Thread.sleep(350);
            assertThat(Base64.getDecoder().decode(poll(id).path("response").path("image").asText())).isEqualTo(picture);
        } finally {
            EMULATOR.picture(null).latency(Duration.ZERO).pendingPolls(2);
        }
    }

    // --- YandexART

    @Test
    void aStartedOperationIsDoneAfterThePendingPollsWithABase64Jpeg() throws Exception {
        String id = json(send(post(startUrl(), startBody("Врач", "\"2\"")).header("Authorization", YANDEX_AUTH)), 200)
                .path("id").asText();
        assertThat(id).startsWith("fbv");

        assertThat(poll(id).path("done").asBoolean()).isFalse();
        assertThat(poll(id).path("done").asBoolean()).isFalse();
        JsonNode done = poll(id);

        assertThat(done.path("done").asBoolean()).isTrue();
        assertThat(done.path("response").path("@type").asText()).endsWith("ImageGenerationResponse");
        assertThat(Base64.getDecoder().decode(done.path("response").path("image").asText())).startsWith(0xFF, 0xD8, 0xFF);
    }

    @Test
    void startWithoutAKeyIsAFlat401() throws Exception {
        JsonNode error = json(send(post(startUrl(), startBody("Врач", "\"1\""))), 401);

        assertThat(error.path("error").asText()).isEqualTo("Unknown api key");
        assertThat(error.path("code").asInt()).isEqualTo(16);
    }

    @Test
    void startRefusesNumbersNotSentAsStringsAndTextsOver500Characters() throws Exception {
        assertThat(send(post(startUrl(), startBody("Врач", "2")).header("Authorization", YANDEX_AUTH)).statusCode())
                .isEqualTo(400);
        assertThat(send(post(startUrl(), startBody("я".repeat(501), "\"1\"")).header("Authorization", YANDEX_AUTH))
                .statusCode()).isEqualTo(400);
    }

    @Test
    void startMarkersGiveAFlatRefusalAndANested429() throws Exception {
        JsonNode refused = json(send(post(startUrl(), startBody("REFUSE", "\"1\"")).header("Authorization", YANDEX_AUTH)), 400);
        JsonNode busy = json(send(post(startUrl(), startBody("BUSY", "\"1\"")).header("Authorization", YANDEX_AUTH)), 429);

        assertThat(refused.path("message").asText()).contains("violate the terms of use");
        assertThat(refused.path("code").asInt()).isEqualTo(3);
        assertThat(busy.path("error").path("grpcCode").asInt()).isEqualTo(8);
        assertThat(busy.path("error").path("httpCode").asInt()).isEqualTo(429);
    }

    @Test
    void anUnknownOperationIsANested404() throws Exception {
        HttpResponse<String> response = send(get(EMULATOR.yandexOperationsUrl() + "/fbvunknown").header("Authorization", YANDEX_AUTH));

        assertThat(json(response, 404).path("error").path("httpCode").asInt()).isEqualTo(404);
    }

    // ---

    private static HttpResponse<String> oauth(String rqUid, String form) {
        return send(post(EMULATOR.gigachatOAuthUrl(), form)
                .header("Authorization", "Basic ZW11bGF0b3I6c2VjcmV0")
                .header("RqUID", rqUid)
                .header("Content-Type", "application/x-www-form-urlencoded"));
    }

    private static String token() throws IOException {
        return json(oauth(UUID.randomUUID().toString(), "scope=GIGACHAT_API_PERS"), 200).path("access_token").asText();
    }

    private static String chatBody(String prompt) {
        return "{\"model\": \"GigaChat-2\", \"function_call\": \"auto\", \"messages\": ["
                + "{\"role\": \"system\", \"content\": \"Фоторедактор\"}, {\"role\": \"user\", \"content\": \"Нарисуй " + prompt + "\"}]}";
    }

    private static String startUrl() {
        return EMULATOR.yandexBaseUrl() + "/foundationModels/v1/imageGenerationAsync";
    }

    private static String startBody(String text, String widthRatio) {
        return "{\"modelUri\": \"art://b1gemulator/yandex-art/latest\", \"generationOptions\": {\"mimeType\": \"image/jpeg\","
                + " \"seed\": \"1863\", \"aspectRatio\": {\"widthRatio\": " + widthRatio + ", \"heightRatio\": \"1\"}},"
                + " \"messages\": [{\"weight\": \"1\", \"text\": \"" + text + "\"}]}";
    }

    private static JsonNode poll(String id) throws IOException {
        return json(send(get(EMULATOR.yandexOperationsUrl() + "/" + id).header("Authorization", YANDEX_AUTH)), 200);
    }

    private static HttpRequest.Builder post(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpRequest.Builder get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<byte[]> bytes(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response, int expectedStatus) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        return JSON.readTree(response.body());
    }
}
