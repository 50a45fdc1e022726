package ru.newsmed.imagegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import ru.newsmed.imagegen.emulator.ProviderEmulator;
import ru.newsmed.imagegen.support.ServiceTest;

/**
 * The end-to-end test: the whole service against the offline {@link ProviderEmulator}, which
 * speaks both providers' real wire protocols and draws real JPEGs. Black-box, through every entry
 * point (REST, the watched folder, JMS), with fallback on, as a user would run it.
 */
class EmulatorEndToEndTest extends ServiceTest {

    private static final ProviderEmulator EMULATOR = ProviderEmulator.start(0);

    @Value("${imagegen.inbox.dir}")
    Path inbox;

    @Value("${imagegen.storage.dir}")
    Path storage;

    @Autowired
    JmsTemplate jms;

    /** The common test settings, then both providers pointed at the emulator (a later add wins). */
    @DynamicPropertySource
    static void emulatedProviders(DynamicPropertyRegistry registry) {
        registerCommon(registry);
        registry.add("GIGACHAT_AUTH_KEY", () -> "ZW11bGF0b3I6c2VjcmV0");
        registry.add("GIGACHAT_OAUTH_URL", EMULATOR::gigachatOAuthUrl);
        registry.add("GIGACHAT_BASE_URL", EMULATOR::gigachatBaseUrl);
        registry.add("YC_FOLDER_ID", () -> "b1gemulator");
        registry.add("YC_API_KEY", () -> "emulator-key");
        registry.add("YC_BASE_URL", EMULATOR::yandexBaseUrl);
        registry.add("YC_OPERATIONS_URL", EMULATOR::yandexOperationsUrl);
        registry.add("YC_POLL_INTERVAL", () -> "100ms");
        registry.add("IMAGE_FALLBACK_ENABLED", () -> "true");
        // Room for the first picture, which loads Java2D's fonts.
        registry.add("IMAGE_REQUEST_TIMEOUT", () -> "30");
    }

    @AfterAll
    static void stopEmulator() {
        EMULATOR.close();
    }

    @Test
    void gigachatDrawsAPictureThatIsServedUnderImages() throws IOException {
        int chats = EMULATOR.chats();
        int downloads = EMULATOR.downloads();

        HttpResponse<String> response = generate("{\"prompt\": \"Врач в кабинете\", \"provider\": \"gigachat\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("model_used").asText()).isEqualTo("gigachat-kandinsky-3.1-GigaChat-2");
        assertThat(body.path("provider").asText()).isEqualTo("gigachat");
        assertThat(body.path("fallback_used").asBoolean()).isFalse();
        assertThat(servedPicture(body.path("image_url").asText())).satisfies(picture -> {
            assertThat(picture.getWidth()).isEqualTo(1024);
            assertThat(picture.getHeight()).isEqualTo(1024);
        });
        assertThat(EMULATOR.chats()).isEqualTo(chats + 1);
        assertThat(EMULATOR.downloads()).isEqualTo(downloads + 1);
        assertThat(EMULATOR.tokenFetches()).as("one token serves every call").isEqualTo(1);
    }

    @Test
    void yandexDrawsInTheAskedAspectRatioAfterPendingPolls() throws IOException {
        int polls = EMULATOR.yandexPolls();

        HttpResponse<String> response = generate("{\"prompt\": \"Операционная\", \"provider\": \"yandex\", "
                + "\"width_ratio\": 2, \"seed\": 1863}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("model_used").asText()).isEqualTo("yandex-art");
        assertThat(body.path("provider").asText()).isEqualTo("yandex");
        assertThat(servedPicture(body.path("image_url").asText())).satisfies(picture -> {
            assertThat(picture.getWidth()).isEqualTo(1024);
            assertThat(picture.getHeight()).isEqualTo(512);
        });
        assertThat(EMULATOR.yandexPolls()).as("two pending polls, then the done one").isEqualTo(polls + 3);
    }

    @Test
    void bothModeAnswersWithGigaChatsPictureAndComparesBoth() throws IOException {
        HttpResponse<String> response = generate("{\"prompt\": \"Врач\", \"provider\": \"both\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("provider").asText()).isEqualTo("gigachat");
        assertThat(body.path("fallback_used").asBoolean()).isFalse();
        JsonNode comparison = body.path("comparison");
        assertThat(comparison.path("gigachat").path("model_used").asText()).isEqualTo("gigachat-kandinsky-3.1-GigaChat-2");
        assertThat(comparison.path("yandex").path("model_used").asText()).isEqualTo("yandex-art");
        assertThat(servedPicture(comparison.path("gigachat").path("image_url").asText())).isNotNull();
        assertThat(servedPicture(comparison.path("yandex").path("image_url").asText())).isNotNull();
    }

    @Test
    void aPromptDroppedIntoTheInboxEndsInDoneWithItsPicture() throws IOException {
        Path temporary = inbox.resolve("doctor.txt.part");
        Files.writeString(temporary, "Кардиолог слушает пациента\n", StandardCharsets.UTF_8);
        Files.move(temporary, inbox.resolve("doctor.txt"));

        Path answer = inbox.resolve(".done/doctor.txt.result.json");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.isRegularFile(answer) && Files.size(answer) > 0);
        JsonNode result = JSON.readTree(answer.toFile());
        assertThat(result.path("success").asBoolean()).isTrue();
        assertThat(result.path("provider").asText()).isEqualTo("gigachat");
        assertThat(ImageIO.read(storage.resolve(result.path("image_id").asText() + ".jpeg").toFile())).isNotNull();
        assertThat(inbox.resolve("doctor.txt")).doesNotExist();
    }

    @Test
    void aJmsRequestIsAnsweredWithThePicture() throws Exception {
        Message reply = jms.sendAndReceive("image.generate.request", session ->
                session.createTextMessage("{\"prompt\": \"Машина скорой помощи\", \"provider\": \"yandex\"}"));

        assertThat(reply).isInstanceOf(TextMessage.class);
        assertThat(reply.getIntProperty("status")).isEqualTo(200);
        JsonNode body = JSON.readTree(((TextMessage) reply).getText());
        assertThat(body.path("model_used").asText()).isEqualTo("yandex-art");
        assertThat(servedPicture(body.path("image_url").asText())).isNotNull();
    }

    @Test
    void aPromptBothProvidersRefuseIsContentRefused() {
        int chats = EMULATOR.chats();
        int starts = EMULATOR.yandexStarts();

        HttpResponse<String> response = generate("{\"prompt\": \"REFUSE: запрещённая тема\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(json(response).path("error").asText()).isEqualTo("content_refused");
        assertThat(EMULATOR.chats()).as("GigaChat asked once: a refusal is not retried").isEqualTo(chats + 1);
        assertThat(EMULATOR.yandexStarts()).as("then YandexART, the fallback").isEqualTo(starts + 1);
    }

    @Test
    void aPromptBothProvidersAreTooBusyForIsProviderFailed() {
        HttpResponse<String> response = generate("{\"prompt\": \"BUSY час пик\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
        JsonNode body = json(response);
        assertThat(body.path("error").asText()).isEqualTo("provider_failed");
        assertThat(body.path("message").asText()).containsIgnoringCase("gigachat").containsIgnoringCase("yandex");
    }

    /** The picture GET /images/{name} serves for this image_url, decoded. */
    private BufferedImage servedPicture(String imageUrl) throws IOException {
        String name = Path.of(URI.create(imageUrl).getPath()).getFileName().toString();
        HttpResponse<byte[]> served = getBytes("/images/" + name);
        assertThat(served.statusCode()).isEqualTo(200);
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(served.body()));
        assertThat(picture).as("a picture ImageIO can decode").isNotNull();
        return picture;
    }
}
