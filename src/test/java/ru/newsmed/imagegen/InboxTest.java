package ru.newsmed.imagegen;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.ProviderServiceTest;

/** The watched folder on the real file system: prompts and requests in, answers and moved files out. */
class InboxTest extends ProviderServiceTest {

    @Value("${imagegen.inbox.dir}")
    Path inbox;

    @Autowired
    CamelContext camelContext;

    @BeforeEach
    void emptyInbox() throws IOException {
        for (String folder : List.of(".done", ".error")) {
            Path dir = inbox.resolve(folder);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
            }
        }
    }

    @Test
    void aTextFileIsAPromptAndEndsInDoneWithItsResult() throws Exception {
        gigachatDraws();

        drop("illustration.txt", "Пациент на приёме у кардиолога\n");

        JsonNode result = awaitAnswer(".done/illustration.txt.result.json");
        assertThat(result.path("success").asBoolean()).isTrue();
        assertThat(result.path("provider").asText()).isEqualTo("gigachat");
        assertThat(result.path("request_id").asText()).matches("[0-9a-f-]{36}");
        assertThat(GigaChatStub.server().findAll(postRequestedFor(urlEqualTo(GigaChatStub.CHAT_PATH))).get(0)
                .getHeader("X-Request-ID")).isEqualTo(result.path("request_id").asText());
        assertThat(inbox.resolve(".done/illustration.txt")).hasContent("Пациент на приёме у кардиолога\n");
        assertThat(inbox.resolve("illustration.txt")).doesNotExist();
        assertThat(storage.resolve(result.path("image_id").asText() + ".jpeg")).exists();
        assertThat(GigaChatStub.server().findAll(postRequestedFor(urlEqualTo(GigaChatStub.CHAT_PATH))).get(0)
                .getBodyAsString()).contains("Нарисуй Пациент на приёме у кардиолога");
    }

    @Test
    void aJsonFileIsAGenerateRequest() throws Exception {
        yandexDraws();

        drop("request.json", "{\"prompt\": \"Операционная\", \"provider\": \"yandex\", \"width_ratio\": 2}");

        JsonNode result = awaitAnswer(".done/request.json.result.json");
        assertThat(result.path("model_used").asText()).isEqualTo("yandex-art");
    }

    @Test
    void anEmptyFileEndsInErrorWithTheErrorBody() throws Exception {
        drop("empty.txt", "");

        JsonNode error = awaitAnswer(".error/empty.txt.error.json");
        assertThat(error.path("success").asBoolean()).isFalse();
        assertThat(error.path("error").asText()).isEqualTo("invalid_request");
        assertThat(error.path("field").asText()).isEqualTo("prompt");
        assertThat(inbox.resolve(".error/empty.txt")).exists();
    }

    @Test
    void aSymbolicLinkToAFileOutsideTheFolderEndsInErrorUnread() throws Exception {
        Path outside = Files.createDirectories(Path.of("target", "test-outside", UUID.randomUUID().toString()));
        Path secret = Files.writeString(outside.resolve("secret.txt"), "OUTSIDE-SECRET-5f2a", StandardCharsets.UTF_8);
        int stored = storedFiles();
        Files.createSymbolicLink(inbox.resolve("x.txt"), secret.toAbsolutePath());

        JsonNode error = awaitAnswer(".error/x.txt.error.json");
        assertThat(error.path("success").asBoolean()).isFalse();
        assertThat(error.path("error").asText()).isEqualTo("invalid_request");
        assertThat(error.path("field").asText()).isEqualTo("file");
        assertThat(error.path("request_id").asText()).matches("[0-9a-f-]{36}");
        assertThat(error.toString()).doesNotContain("OUTSIDE-SECRET-5f2a").doesNotContain(outside.toString());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.isSymbolicLink(inbox.resolve(".error/x.txt")));
        assertThat(inbox.resolve("x.txt")).doesNotExist();
        assertThat(GigaChatStub.server().getAllServeEvents()).as("provider calls").isEmpty();
        assertThat(storedFiles()).isEqualTo(stored);
        assertThat(secret).hasContent("OUTSIDE-SECRET-5f2a");
    }

    @Test
    void aHardLinkToAFileOutsideTheFolderEndsInErrorUnread() throws Exception {
        Path outside = Files.createDirectories(Path.of("target", "test-outside", UUID.randomUUID().toString()));
        Path secret = Files.writeString(outside.resolve("secret.txt"), "OUTSIDE-SECRET-8c1d", StandardCharsets.UTF_8);
        Files.createLink(inbox.resolve("hard.txt"), secret.toAbsolutePath());

        JsonNode error = awaitAnswer(".error/hard.txt.error.json");
        assertThat(error.path("error").asText()).isEqualTo("invalid_request");
        assertThat(error.path("field").asText()).isEqualTo("file");
        assertThat(GigaChatStub.server().getAllServeEvents()).as("provider calls").isEmpty();
        assertThat(secret).hasContent("OUTSIDE-SECRET-8c1d");
    }

    @Test
    void aMalformedRequestEndsInError() throws Exception {
        drop("broken.json", "{\"prompt\": ");

        assertThat(awaitAnswer(".error/broken.json.error.json").path("error").asText()).isEqualTo("invalid_request");
        assertThat(inbox.resolve(".error/broken.json")).hasContent("{\"prompt\": ");
    }

    @Test
    void aJsonFileWithTrailingGarbageOrADuplicateKeyEndsInError() throws Exception {
        gigachatDraws();
        drop("garbage.json", "{\"prompt\": \"x\"} garbage");
        drop("nul.json", "{\"prompt\": \"x\"}\u0000");
        drop("twice.json", "{\"prompt\": 123, \"prompt\": \"x\"}");

        for (String name : List.of("garbage.json", "nul.json", "twice.json")) {
            JsonNode error = awaitAnswer(".error/" + name + ".error.json");
            assertThat(error.path("error").asText()).as(name).isEqualTo("invalid_request");
        }
    }

    @Test
    void aRefusedPromptEndsInError() throws Exception {
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.chatReply("Не могу.", "blacklist")));

        drop("refused.txt", "запрещённая тема");

        assertThat(awaitAnswer(".error/refused.txt.error.json").path("error").asText()).isEqualTo("content_refused");
    }

    @Test
    void aNameAlreadyTakenGetsASuffixNeverAnOverwrite() throws Exception {
        gigachatDraws();
        drop("same.txt", "первый");
        awaitAnswer(".done/same.txt.result.json");

        drop("same.txt", "второй");

        awaitAnswer(".done/same-1.txt.result.json");
        assertThat(inbox.resolve(".done/same.txt")).hasContent("первый");
        assertThat(inbox.resolve(".done/same-1.txt")).hasContent("второй");
    }

    @Test
    void theSameFileDroppedAgainIsAnsweredFromWhatWasKeptNotGeneratedAgain() throws Exception {
        gigachatDraws();
        drop("again.txt", "Хирург в операционной");
        String imageId = awaitAnswer(".done/again.txt.result.json").path("image_id").asText();
        int stored = storedFiles();

        drop("again.txt", "Хирург в операционной");

        JsonNode result = awaitAnswer(".done/again-1.txt.result.json");
        assertThat(result.path("success").asBoolean()).isTrue();
        assertThat(result.path("image_id").asText()).isEqualTo(imageId);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.notExists(inbox.resolve("again.txt")));
        assertThat(inbox.resolve(".done/again-1.txt")).hasContent("Хирург в операционной");
        assertThat(GigaChatStub.chatCalls()).isEqualTo(1);
        assertThat(storedFiles()).isEqualTo(stored);
    }

    @Test
    void aFileOfAnAnsweredNameWithOtherContentIsGeneratedAnew() throws Exception {
        gigachatDraws();
        drop("renewed.txt", "Терапевт слушает пациента");
        String imageId = awaitAnswer(".done/renewed.txt.result.json").path("image_id").asText();

        drop("renewed.txt", "Терапевт измеряет давление");

        JsonNode result = awaitAnswer(".done/renewed-1.txt.result.json");
        assertThat(result.path("success").asBoolean()).isTrue();
        assertThat(result.path("image_id").asText()).isNotEqualTo(imageId);
        assertThat(storage.resolve(result.path("image_id").asText() + ".jpeg")).exists();
        assertThat(GigaChatStub.chatCalls()).isEqualTo(2);
    }

    @Test
    void waitsForAFileThatIsStillBeingWritten() throws Exception {
        gigachatDraws();
        Path file = inbox.resolve("slow.txt");
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 12; i++) {
                out.write(("часть" + i + " ").getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(100);
            }
            assertThat(GigaChatStub.chatCalls()).as("taken while still being written").isZero();
            out.write("конец".getBytes(StandardCharsets.UTF_8));
        }

        awaitAnswer(".done/slow.txt.result.json");
        assertThat(GigaChatStub.server().findAll(postRequestedFor(urlEqualTo(GigaChatStub.CHAT_PATH))).get(0)
                .getBodyAsString()).contains("часть0").contains("часть11 конец");
    }

    @Test
    void processesEveryFileOfABatchExactlyOnceAcrossAStopAndAStart() throws Exception {
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubDrawing(fileId, GigaChatStub.smallJpeg());
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.drawn(fileId).withFixedDelay(400)));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            names.add("batch-" + i + ".txt");
            drop("batch-" + i + ".txt", "Снимок " + i);
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> answers(".done") >= 2);

        camelContext.getRouteController().stopRoute("imagegen-inbox");
        long doneWhenStopped = answers(".done") + answers(".error");
        camelContext.getRouteController().startRoute("imagegen-inbox");

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> answers(".done") + answers(".error") == names.size());
        assertThat(doneWhenStopped).isBetween(2L, (long) names.size());
        for (String name : names) {
            assertThat(inbox.resolve(name)).doesNotExist();
            assertThat(inbox.resolve(".done/" + name)).exists();
            assertThat(inbox.resolve(".done/" + name + ".result.json")).exists();
        }
        try (Stream<Path> done = Files.list(inbox.resolve(".done"))) {
            assertThat(done.map(path -> path.getFileName().toString())).noneMatch(name -> name.matches("batch-\\d+-\\d+\\.txt.*"));
        }
        assertThat(GigaChatStub.chatCalls()).isEqualTo(names.size());
    }

    @Test
    void takesSeveralFilesAtOnce() throws Exception {
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubDrawing(fileId, GigaChatStub.smallJpeg());
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.drawn(fileId).withFixedDelay(2500)));

        drop("parallel-a.txt", "a");
        drop("parallel-b.txt", "b");

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> answers(".done") == 2);
        assertThat(GigaChatStub.inFlight().peak()).as("IMAGE_INBOX_CONCURRENCY=2").isEqualTo(2);
    }

    @Test
    void neverGeneratesMoreFilesAtOnceThanTheConcurrency() throws Exception {
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubDrawing(fileId, GigaChatStub.smallJpeg());
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.drawn(fileId).withFixedDelay(1500)));

        for (String name : List.of("limit-a.txt", "limit-b.txt", "limit-c.txt", "limit-d.txt")) {
            drop(name, name);
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> answers(".done") == 4);
        assertThat(GigaChatStub.inFlight().peak()).as("IMAGE_INBOX_CONCURRENCY=2, GIGACHAT_MAX_CONCURRENT=4").isEqualTo(2);
    }

    private void drop(String name, String content) throws IOException {
        // A file of that name answered a moment ago is moved out just after its answer is written.
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Files.notExists(inbox.resolve(name)));
        Path temporary = inbox.resolve(name + ".part");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, inbox.resolve(name));
    }

    private JsonNode awaitAnswer(String relative) throws IOException {
        Path answer = inbox.resolve(relative);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Files.isRegularFile(answer) && Files.size(answer) > 0);
        return JSON.readTree(answer.toFile());
    }

    private long answers(String folder) throws IOException {
        Path dir = inbox.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(path -> path.getFileName().toString().endsWith(".json")
                    && !path.getFileName().toString().startsWith(".tmp-")).count();
        }
    }
}
