package ru.newsmed.imagegen;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import ru.newsmed.imagegen.support.CallbackReceiver;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.ProviderServiceTest;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** POST /jobs and GET /jobs/{job_id}: queued, run in the background, polled to the end. */
class JobsTest extends ProviderServiceTest {

    private static final String JOBS = "/api/image-generation/jobs";
    private static final String BODY = "{\"prompt\": \"Медсестра готовит капельницу\"}";

    @Test
    void queuesAJobRunsItAndAnswersItsResult() {
        gigachatDraws();

        HttpResponse<String> accepted = postJson(JOBS, BODY);

        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode job = json(accepted);
        String jobId = job.path("job_id").asText();
        assertThat(job.path("status").asText()).isIn("queued", "running", "succeeded");
        assertThat(job.path("status_url").asText()).isEqualTo(JOBS + "/" + jobId);
        assertThat(accepted.headers().firstValue("Location")).hasValue(JOBS + "/" + jobId);

        JsonNode done = awaitEnd(jobId);
        assertThat(done.path("status").asText()).isEqualTo("succeeded");
        assertThat(done.path("result").path("success").asBoolean()).isTrue();
        assertThat(done.path("result").path("provider").asText()).isEqualTo("gigachat");
        assertThat(done.path("created_at").asText()).isNotEmpty();
        assertThat(done.path("updated_at").asText()).isNotEmpty();
        String imageId = done.path("result").path("image_id").asText();
        assertThat(getBytes("/images/" + imageId + ".jpeg").statusCode()).isEqualTo(200);
        assertThat(GigaChatStub.chatCalls()).isEqualTo(1);
    }

    @Test
    void endsAFailedJobWithTheContractsErrorAndItsStatus() {
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.error(500, "down")));

        JsonNode done = awaitEnd(json(postJson(JOBS, BODY)).path("job_id").asText());

        assertThat(done.path("status").asText()).isEqualTo("failed");
        assertThat(done.path("error").path("error").asText()).isEqualTo("provider_failed");
        assertThat(done.path("error").path("status").asInt()).isEqualTo(502);
        assertThat(done.path("error").path("success").asBoolean(true)).isFalse();
        assertThat(done.has("result")).isFalse();
    }

    @Test
    void refusesABadRequestAtOnce() {
        HttpResponse<String> refused = postJson(JOBS, "{\"prompt\": \"  \"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).path("field").asText()).isEqualTo("prompt");
    }

    @Test
    void answers404ForAnUnknownJob() {
        assertThat(httpGet(JOBS + "/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(json(httpGet(JOBS + "/not-a-job")).path("error").asText()).isEqualTo("not_found");
    }

    @Test
    void givesTheSameJobForTheSameKeyAndRefusesAnotherBody() {
        gigachatDraws();
        String key = "job-" + UUID.randomUUID();

        HttpResponse<String> first = postJson(JOBS, BODY, "Idempotency-Key", key);
        awaitEnd(json(first).path("job_id").asText());
        HttpResponse<String> again = postJson(JOBS, BODY, "Idempotency-Key", key);
        HttpResponse<String> other = postJson(JOBS, "{\"prompt\": \"Другое\"}", "Idempotency-Key", key);

        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(json(again).path("job_id").asText()).isEqualTo(json(first).path("job_id").asText());
        assertThat(json(again).path("status").asText()).isEqualTo("succeeded");
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(json(other).path("error").asText()).isEqualTo("idempotency_key_reused");
        assertThat(GigaChatStub.chatCalls()).isEqualTo(1);
    }

    @Test
    void queuesAgainAJobWhoseKeyFailedAsNewWorkNotAReplay() {
        GigaChatStub.stubFreshTokens();
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.error(500, "down")));
        String key = "job-" + UUID.randomUUID();
        String jobId = json(postJson(JOBS, BODY, "Idempotency-Key", key)).path("job_id").asText();
        assertThat(awaitEnd(jobId).path("status").asText()).isEqualTo("failed");
        gigachatDraws();

        HttpResponse<String> again = postJson(JOBS, BODY, "Idempotency-Key", key);

        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(json(again).path("job_id").asText()).isEqualTo(jobId);
        assertThat(json(again).path("status").asText()).isEqualTo("queued");
        assertThat(again.headers().firstValue("Idempotent-Replayed")).isEmpty();
        JsonNode done = awaitEnd(jobId);
        assertThat(done.path("status").asText()).isEqualTo("succeeded");
        assertThat(done.has("error")).isFalse();
    }

    @Test
    void postsTheEndedJobToItsCallbackSignedWithTheSecret() throws Exception {
        gigachatDraws();
        CallbackReceiver.server().stubFor(WireMock.post(WireMock.urlPathEqualTo("/hooks/images")).willReturn(WireMock.ok()));

        String jobId = json(postJson(JOBS, "{\"prompt\": \"Аптека\", \"callback_url\": \""
                + CallbackReceiver.url("/hooks/images?source=cms") + "\"}")).path("job_id").asText();

        await().atMost(Duration.ofSeconds(30)).until(() -> CallbackReceiver.server().getAllServeEvents().size() == 1);
        LoggedRequest delivered = CallbackReceiver.server().getAllServeEvents().get(0).getRequest();
        assertThat(delivered.getUrl()).isEqualTo("/hooks/images?source=cms");
        assertThat(delivered.getHeader("X-ImageGen-Signature")).isEqualTo(CallbackReceiver.expectedSignature(delivered.getBody()));
        JsonNode sent = JSON.readTree(delivered.getBody());
        assertThat(sent.path("job_id").asText()).isEqualTo(jobId);
        assertThat(sent.path("status").asText()).isEqualTo("succeeded");
        assertThat(sent.path("result")).isEqualTo(awaitEnd(jobId).path("result"));
    }

    @Test
    void triesAFailingCallbackReceiverAgain() {
        gigachatDraws();
        CallbackReceiver.server().stubFor(WireMock.post("/hooks/flaky").inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(WireMock.serverError()).willSetStateTo("up"));
        CallbackReceiver.server().stubFor(WireMock.post("/hooks/flaky").inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(WireMock.ok()));

        postJson(JOBS, "{\"prompt\": \"Аптека\", \"callback_url\": \"" + CallbackReceiver.url("/hooks/flaky") + "\"}");

        await().atMost(Duration.ofSeconds(30)).until(() -> CallbackReceiver.server().getAllServeEvents().size() == 2);
        assertThat(CallbackReceiver.server().getAllServeEvents()).allSatisfy(event ->
                assertThat(event.getRequest().getHeader("X-ImageGen-Signature")).startsWith("sha256="));
    }

    @Test
    void refusesACallbackToAHostOutsideTheListAndNeverCallsIt() {
        gigachatDraws();
        String elsewhere = "http://elsewhere.example:" + CallbackReceiver.elsewhere().port() + "/hook";

        for (String url : java.util.List.of(elsewhere, "ftp://localhost/hook", "http://user:pw@localhost/hook")) {
            HttpResponse<String> refused = postJson(JOBS, "{\"prompt\": \"Аптека\", \"callback_url\": \"" + url + "\"}");
            assertThat(refused.statusCode()).as(url).isEqualTo(400);
            assertThat(json(refused).path("field").asText()).isEqualTo("callback_url");
        }
        assertThat(postJson(JOBS, "{\"prompt\": \"Аптека\", \"callback_url\": 42}").statusCode()).isEqualTo(400);
        assertThat(CallbackReceiver.elsewhere().getAllServeEvents()).isEmpty();
        assertThat(GigaChatStub.chatCalls()).isZero();
    }

    @Test
    void doesNotFollowACallbackRedirectToAnotherHost() {
        gigachatDraws();
        CallbackReceiver.elsewhere().stubFor(WireMock.any(WireMock.anyUrl()).willReturn(WireMock.ok()));
        CallbackReceiver.server().stubFor(WireMock.post("/hooks/moved").willReturn(
                WireMock.temporaryRedirect("http://127.0.0.1:" + CallbackReceiver.elsewhere().port() + "/stolen")));

        String jobId = json(postJson(JOBS, "{\"prompt\": \"Аптека\", \"callback_url\": \""
                + CallbackReceiver.url("/hooks/moved") + "\"}")).path("job_id").asText();

        awaitEnd(jobId);
        await().atMost(Duration.ofSeconds(30)).until(() -> CallbackReceiver.server().getAllServeEvents().size() >= 3);
        assertThat(CallbackReceiver.elsewhere().getAllServeEvents()).isEmpty();
    }

    private JsonNode awaitEnd(String jobId) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(
                () -> json(httpGet(JOBS + "/" + jobId)),
                job -> job.path("status").asText().equals("succeeded") || job.path("status").asText().equals("failed"));
    }
}
