package ru.newsmed.imagegen.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.PackagedService;

/**
 * Three GigaChat jobs whose chats drew their pictures at once (each its own file id) while the
 * downloads hang at the crash; after the restart the downloads answer, and each file must be
 * downloaded again, never drawn a second time. Its images are served afterwards.
 */
final class GigaChatDownloadsPending implements CrashScenario {

    private final List<String> markers = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private final List<String> jobs = new ArrayList<>();
    private final Map<String, Integer> downloadsAtCrash = new HashMap<>();

    GigaChatDownloadsPending(String run) {
        for (int i = 1; i <= 3; i++) {
            markers.add(run + "gigachat" + i);
            files.add(UUID.randomUUID().toString());
        }
    }

    @Override
    public void setGoing(PackagedService service) throws Exception {
        for (int i = 0; i < markers.size(); i++) {
            GigaChatStub.stubChatFor(markers.get(i), files.get(i));
            GigaChatStub.stubDownload(files.get(i), GigaChatStub.smallJpeg(), SLOW);
            String body = "{\"prompt\": \"Медсестра ставит капельницу, кадр " + markers.get(i) + "\", \"provider\": \"gigachat\"}";
            jobs.add(CrashScenario.json(service.post(JOBS, body)).path("job_id").asText());
        }
    }

    /** Each job running, drawn, and its download asked for (so its file id is in the database). */
    @Override
    public boolean underWay(PackagedService service) throws Exception {
        for (int i = 0; i < jobs.size(); i++) {
            if (GigaChatStub.downloads(files.get(i)) == 0 || !"running".equals(CrashScenario.jobStatus(service, jobs.get(i)))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void whileDown() {
        for (String file : files) {
            downloadsAtCrash.put(file, GigaChatStub.downloads(file));
            GigaChatStub.stubDownload(file, GigaChatStub.smallJpeg(), Duration.ZERO);
        }
    }

    void assertFinished(PackagedService service) throws Exception {
        for (String job : jobs) {
            JsonNode status = CrashScenario.awaitJobEnd(service, job);
            assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("succeeded");
            assertThat(status.path("result").path("provider").asText()).isEqualTo("gigachat");
            String imageId = status.path("result").path("image_id").asText();
            assertThat(service.get("/images/" + imageId + ".jpeg").statusCode()).as("the stored image").isEqualTo(200);
        }
        for (int i = 0; i < markers.size(); i++) {
            assertThat(GigaChatStub.chatsFor(markers.get(i))).as("chats of job " + (i + 1)).isEqualTo(1);
            assertThat(GigaChatStub.downloads(files.get(i))).as("downloads of file " + files.get(i) + ", after the restart too")
                    .isGreaterThan(downloadsAtCrash.get(files.get(i)));
        }
        assertThat(markers.stream().mapToInt(GigaChatStub::chatsFor).sum()).as("chats in all").isEqualTo(3);
    }
}
