package ru.newsmed.imagegen.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.PackagedService;
import ru.newsmed.imagegen.support.YandexStub;

/**
 * A POST /generate without a key whose YandexART operation is running at the crash: its client is
 * gone with the connection, but what it paid for is kept. The restarted service polls the
 * operation it saved (never starting another) and stores the image with its provenance record.
 */
final class PlainGeneratePaid implements CrashScenario {

    private final String marker;
    private final String operation;
    private final Path storage;

    PlainGeneratePaid(Path storage, String run) {
        this.marker = run + "plain";
        this.operation = "fbv" + run + "plain";
        this.storage = storage;
    }

    @Override
    public void setGoing(PackagedService service) {
        YandexStub.stubStartFor(marker, operation);
        YandexStub.stubPoll(operation, YandexStub.pending(operation));
        service.postAsync(GENERATE, "{\"prompt\": \"Хирург в операционной, кадр " + marker + "\", \"provider\": \"yandex\"}");
    }

    /** Started and polled (so its operation id is in the database). */
    @Override
    public boolean underWay(PackagedService service) {
        return YandexStub.polls(operation) > 0;
    }

    @Override
    public void whileDown() {
        YandexStub.stubPoll(operation, YandexStub.done(operation, GigaChatStub.smallJpeg()));
    }

    void assertKept() {
        await().atMost(PATIENCE).until(() -> recordNaming(marker));
        assertThat(YandexStub.startsFor(marker)).as("starts of the plain request").isEqualTo(1);
    }

    /** Whether a provenance record in the storage folder names the prompt. */
    private boolean recordNaming(String word) throws IOException {
        if (!Files.isDirectory(storage)) {
            return false;
        }
        try (Stream<Path> files = Files.list(storage)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json")).anyMatch(file -> {
                try {
                    return Files.readString(file).contains(word);
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }
}
