package ru.newsmed.imagegen;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.ProviderServiceTest;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A burst of jobs beyond the worker's queue: every one is accepted, waits in the database, and is worked. */
class JobQueueFullTest extends ProviderServiceTest {

    private static final String JOBS = "/api/image-generation/jobs";

    @DynamicPropertySource
    static void aTinyQueue(DynamicPropertyRegistry registry) {
        registry.add("imagegen.jobs.concurrency", () -> "1");
        registry.add("imagegen.jobs.queue-size", () -> "1");
        registry.add("imagegen.jobs.sweep-period", () -> "300");
        // No TCP acceptor: the shared context holds its port (the setting itself, for the same reason).
        registry.add("imagegen.jms.embedded-acceptor", () -> "");
    }

    @Test
    void acceptsEveryJobOfABurstBeyondTheQueueAndWorksThemAll() {
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubDrawing(fileId, GigaChatStub.smallJpeg());
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.drawn(fileId).withFixedDelay(300)));

        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> accepted = postJson(JOBS, "{\"prompt\": \"Очередь " + i + "\"}");
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            jobs.add(json(accepted).path("job_id").asText());
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jobs)
                .allSatisfy(job -> assertThat(json(httpGet(JOBS + "/" + job)).path("status").asText()).isEqualTo("succeeded")));
        assertThat(GigaChatStub.chatCalls()).isEqualTo(5);
    }
}
