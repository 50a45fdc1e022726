package ru.newsmed.imagegen.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.PackagedService;

/**
 * A prompt file in the watched folder whose picture GigaChat drew (the file id saved) while its
 * download hangs at the crash. The file is still in the folder after the restart and is taken
 * again: its key (name and content) finds the saved work, which is resumed rather than drawn again,
 * and the file ends in .done/ with its answer.
 */
final class PromptFilePending implements CrashScenario {

    private final Path inbox;
    private final String name;
    private final String marker;
    private final String file = UUID.randomUUID().toString();
    private int downloadsAtCrash;

    PromptFilePending(Path inbox, String run) {
        this.inbox = inbox;
        this.name = "crash-" + run + ".txt";
        this.marker = run + "inbox";
    }

    @Override
    public void setGoing(PackagedService service) throws Exception {
        GigaChatStub.stubChatFor(marker, file);
        GigaChatStub.stubDownload(file, GigaChatStub.smallJpeg(), SLOW);
        Files.createDirectories(inbox);
        Files.writeString(inbox.resolve(name), "Пациент в приёмном покое, кадр " + marker);
    }

    /** Drawn, and its download asked for (so its file id is in the database). */
    @Override
    public boolean underWay(PackagedService service) {
        return GigaChatStub.chatsFor(marker) == 1 && GigaChatStub.downloads(file) > 0;
    }

    @Override
    public void whileDown() {
        downloadsAtCrash = GigaChatStub.downloads(file);
        GigaChatStub.stubDownload(file, GigaChatStub.smallJpeg(), Duration.ZERO);
    }

    void assertAnswered() throws Exception {
        Path result = inbox.resolve(".done").resolve(name + ".result.json");
        await().atMost(PATIENCE).until(() -> Files.exists(result));

        JsonNode answer = JSON.readTree(Files.readString(result));
        assertThat(answer.path("success").asBoolean()).as(answer.toString()).isTrue();
        assertThat(answer.path("provider").asText()).isEqualTo("gigachat");
        assertThat(inbox.resolve(".done").resolve(name)).hasContent("Пациент в приёмном покое, кадр " + marker);
        assertThat(inbox.resolve(name)).doesNotExist();
        assertThat(GigaChatStub.chatsFor(marker)).as("chats of the prompt file").isEqualTo(1);
        assertThat(GigaChatStub.downloads(file)).as("downloads of its file, after the restart too").isGreaterThan(downloadsAtCrash);
    }
}
