package ru.newsmed.imagegen.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.PackagedService;
import ru.newsmed.imagegen.support.YandexStub;

/**
 * A POST /generate with an Idempotency-Key whose YandexART operation is running at the crash (the
 * client's connection dies with the process). The restarted service resumes the work by itself;
 * the client's retry with the same key gets 409 request_in_progress while that runs (the
 * operation is kept running until the test has seen it), then the answer of that same work,
 * replayed, with one start in all.
 */
final class KeyedGenerateInterrupted implements CrashScenario {

    private final String marker;
    private final String operation;
    private final String key;
    private final String body;
    private int pollsAtCrash;

    KeyedGenerateInterrupted(String run) {
        this.marker = run + "keyed";
        this.operation = "fbv" + run + "keyed";
        this.key = "crash-" + run;
        this.body = "{\"prompt\": \"Кардиолог слушает пациента, кадр " + marker + "\", \"provider\": \"yandex\"}";
    }

    @Override
    public void setGoing(PackagedService service) {
        YandexStub.stubStartFor(marker, operation);
        YandexStub.stubPoll(operation, YandexStub.pending(operation));
        service.postAsync(GENERATE, body, "Idempotency-Key", key);
    }

    /** Started and polled (so its operation id is in the database). */
    @Override
    public boolean underWay(PackagedService service) {
        return YandexStub.polls(operation) > 0;
    }

    /** The operation stays running after the restart, until the test lets it finish. */
    @Override
    public void whileDown() {
        pollsAtCrash = YandexStub.polls(operation);
    }

    void assertRetryAnswered(PackagedService service) throws Exception {
        HttpResponse<String> whileRunning = service.post(GENERATE, body, "Idempotency-Key", key);
        assertThat(whileRunning.statusCode()).as(whileRunning.body()).isEqualTo(409);
        assertThat(CrashScenario.json(whileRunning).path("error").asText()).isEqualTo("request_in_progress");
        assertThat(whileRunning.headers().firstValue("Retry-After")).hasValue("1");
        await().atMost(PATIENCE).until(() -> YandexStub.polls(operation) > pollsAtCrash);

        YandexStub.stubPoll(operation, YandexStub.done(operation, GigaChatStub.smallJpeg()));
        AtomicReference<HttpResponse<String>> retry = new AtomicReference<>();
        await().atMost(PATIENCE).until(() -> {
            retry.set(service.post(GENERATE, body, "Idempotency-Key", key));
            return retry.get().statusCode() != 409;
        });

        assertThat(retry.get().statusCode()).as(retry.get().body()).isEqualTo(200);
        assertThat(retry.get().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        JsonNode answer = CrashScenario.json(retry.get());
        assertThat(answer.path("provider").asText()).isEqualTo("yandex");
        assertThat(service.get("/images/" + answer.path("image_id").asText() + ".jpeg").statusCode()).isEqualTo(200);
        assertThat(YandexStub.startsFor(marker)).as("starts of the keyed request").isEqualTo(1);
    }
}
