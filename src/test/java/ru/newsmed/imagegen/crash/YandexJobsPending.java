package ru.newsmed.imagegen.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.PackagedService;
import ru.newsmed.imagegen.support.YandexStub;

/**
 * Three YandexART jobs whose operations were started (each its own operation id) and are still
 * running at the crash; after the restart each operation is done, and must be polled again by its
 * id, never started a second time.
 */
final class YandexJobsPending implements CrashScenario {

    private final List<String> markers = new ArrayList<>();
    private final List<String> operations = new ArrayList<>();
    private final List<String> jobs = new ArrayList<>();
    private final Map<String, Integer> pollsAtCrash = new HashMap<>();

    YandexJobsPending(String run) {
        for (int i = 1; i <= 3; i++) {
            markers.add(run + "yandex" + i);
            operations.add("fbv" + run + "op" + i);
        }
    }

    @Override
    public void setGoing(PackagedService service) throws Exception {
        for (int i = 0; i < markers.size(); i++) {
            YandexStub.stubStartFor(markers.get(i), operations.get(i));
            YandexStub.stubPoll(operations.get(i), YandexStub.pending(operations.get(i)));
            String body = "{\"prompt\": \"Хирург у операционного стола, кадр " + markers.get(i) + "\", \"provider\": \"yandex\"}";
            jobs.add(CrashScenario.json(service.post(JOBS, body)).path("job_id").asText());
        }
    }

    /** Each job running, its operation started and polled (so its id is in the database: it is saved before the first poll). */
    @Override
    public boolean underWay(PackagedService service) throws Exception {
        for (int i = 0; i < jobs.size(); i++) {
            if (YandexStub.polls(operations.get(i)) == 0 || !"running".equals(CrashScenario.jobStatus(service, jobs.get(i)))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void whileDown() {
        for (String operation : operations) {
            pollsAtCrash.put(operation, YandexStub.polls(operation));
            YandexStub.stubPoll(operation, YandexStub.done(operation, GigaChatStub.smallJpeg()));
        }
    }

    void assertFinished(PackagedService service) {
        for (String job : jobs) {
            JsonNode status = CrashScenario.awaitJobEnd(service, job);
            assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("succeeded");
            assertThat(status.path("result").path("provider").asText()).isEqualTo("yandex");
        }
        for (int i = 0; i < markers.size(); i++) {
            assertThat(YandexStub.startsFor(markers.get(i))).as("starts of job " + (i + 1)).isEqualTo(1);
            assertThat(YandexStub.polls(operations.get(i))).as("polls of operation " + operations.get(i) + ", after the restart too")
                    .isGreaterThan(pollsAtCrash.get(operations.get(i)));
        }
        assertThat(markers.stream().mapToInt(YandexStub::startsFor).sum()).as("starts in all").isEqualTo(3);
    }
}
