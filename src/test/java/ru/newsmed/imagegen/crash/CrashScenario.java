package ru.newsmed.imagegen.crash;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ru.newsmed.imagegen.support.PackagedService;

/**
 * One thing a crash interrupts: set going in the first process, under way (paid for and not
 * finished) when the process is killed, its providers changed while the service is down; the
 * test of the second process then checks how it ended.
 */
interface CrashScenario {

    ObjectMapper JSON = new ObjectMapper();
    String JOBS = "/api/image-generation/jobs";
    String GENERATE = "/api/image-generation/generate";
    /** How long anything awaited may take, at most. */
    Duration PATIENCE = Duration.ofSeconds(60);
    /** A download that outlasts any wait of these tests: it is still pending at the crash. */
    Duration SLOW = Duration.ofSeconds(90);

    /** Stubs what it needs and sends its requests to the first process. */
    void setGoing(PackagedService service) throws Exception;

    /** Whether it is where the crash is to find it. */
    boolean underWay(PackagedService service) throws Exception;

    /** What the providers answer after the restart; the journal so far is the crash's. */
    void whileDown();

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    static String jobStatus(PackagedService service, String jobId) throws IOException, InterruptedException {
        return json(service.get(JOBS + "/" + jobId)).path("status").asText();
    }

    /** The job's status body once it has ended (succeeded or failed). */
    static JsonNode awaitJobEnd(PackagedService service, String jobId) {
        JsonNode[] status = new JsonNode[1];
        await().atMost(PATIENCE).until(() -> {
            status[0] = json(service.get(JOBS + "/" + jobId));
            return List.of("succeeded", "failed").contains(status[0].path("status").asText());
        });
        return status[0];
    }
}
