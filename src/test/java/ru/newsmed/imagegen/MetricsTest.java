package ru.newsmed.imagegen;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import ru.newsmed.imagegen.ops.MeterRegistrationWatch;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.ProviderServiceTest;
import ru.newsmed.imagegen.support.YandexStub;

/** /actuator/prometheus after a success, a refusal, a failure with fallback and a comparison. */
class MetricsTest extends ProviderServiceTest {

    @Autowired
    MeterRegistrationWatch registrations;

    @Test
    void exposesTheContractsMetersWithTheirTags() {
        gigachatDraws();
        yandexDraws();
        assertThat(generate("{\"prompt\": \"x\"}").statusCode()).isEqualTo(200);
        assertThat(generate("{\"prompt\": \"x\", \"provider\": \"both\"}").statusCode()).isEqualTo(200);
        YandexStub.stubStart(YandexStub.flatError(400, 3, YandexStub.REFUSAL));
        assertThat(generate("{\"prompt\": \"x\", \"provider\": \"yandex\"}").statusCode()).isEqualTo(422);
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).atPriority(1).willReturn(GigaChatStub.error(402, "Payment Required")));
        yandexDraws();
        changeRouting("{\"fallback_enabled\": true}");
        assertThat(generate("{\"prompt\": \"x\"}").statusCode()).isEqualTo(200);

        String scrape = httpGet("/actuator/prometheus").body();

        List<String> lines = scrape.lines().toList();
        assertThat(lines).anyMatch(line -> line.startsWith("imagegen_generation_seconds_count{")
                && line.contains("outcome=\"success\"") && line.contains("provider=\"gigachat\""));
        assertThat(lines).anyMatch(line -> line.startsWith("imagegen_generation_seconds_count{")
                && line.contains("outcome=\"refused\"") && line.contains("provider=\"yandex\""));
        assertThat(lines).anyMatch(line -> line.startsWith("imagegen_generation_seconds_count{")
                && line.contains("outcome=\"failure\"") && line.contains("provider=\"gigachat\""));
        assertThat(lines).anyMatch(line -> line.startsWith("imagegen_generation_seconds_bucket{") && line.contains("le="));
        assertThat(lines).anyMatch(line -> line.startsWith("imagegen_fallbacks_total{") && line.contains("from=\"gigachat\"")
                && line.contains("reason=\"failed\"") && line.contains("to=\"yandex\""));
        assertThat(lines).anyMatch(line -> line.startsWith("imagegen_gigachat_token_fetches_total{outcome=\"success\"}"));
        assertThat(lines).anyMatch(line -> line.startsWith("imagegen_comparisons_total"));
        assertThat(lines).anyMatch(line -> line.startsWith("imagegen_in_flight{provider=\"gigachat\"}"));
        assertThat(lines).anyMatch(line -> line.startsWith("imagegen_queued{provider=\"yandex\"}"));
        assertThat(lines).anyMatch(line -> line.startsWith("camel_") && line.contains("routeId=\"imagegen-generate-image\""));
        assertThat(registrations.failures()).as("meters dropped for clashing tags").isEmpty();
    }

    @Test
    void countsJobsByStatusAndIdempotentReplays() {
        gigachatDraws();
        String before = httpGet("/actuator/prometheus").body();
        String jobId = json(postJson("/api/image-generation/jobs", "{\"prompt\": \"x\"}")).path("job_id").asText();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                json(httpGet("/api/image-generation/jobs/" + jobId)).path("status").asText().equals("succeeded"));
        String key = "metrics-" + UUID.randomUUID();
        assertThat(generate("{\"prompt\": \"x\"}", "Idempotency-Key", key).statusCode()).isEqualTo(200);
        assertThat(generate("{\"prompt\": \"x\"}", "Idempotency-Key", key).headers().firstValue("Idempotent-Replayed"))
                .hasValue("true");

        String after = httpGet("/actuator/prometheus").body();

        assertThat(value(after, "imagegen_jobs{status=\"succeeded\"}"))
                .isEqualTo(value(before, "imagegen_jobs{status=\"succeeded\"}") + 1);
        for (String status : List.of("queued", "running", "failed")) {
            assertThat(value(after, "imagegen_jobs{status=\"" + status + "\"}")).as(status)
                    .isEqualTo(value(before, "imagegen_jobs{status=\"" + status + "\"}"));
        }
        assertThat(value(after, "imagegen_idempotent_replays_total")).isEqualTo(value(before, "imagegen_idempotent_replays_total") + 1);
    }

    @Test
    void countsAJobGivenAgainByItsKeyAsAReplay() {
        gigachatDraws();
        String key = "metrics-job-" + UUID.randomUUID();
        String jobId = json(postJson("/api/image-generation/jobs", "{\"prompt\": \"x\"}", "Idempotency-Key", key)).path("job_id").asText();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                json(httpGet("/api/image-generation/jobs/" + jobId)).path("status").asText().equals("succeeded"));
        String before = httpGet("/actuator/prometheus").body();

        HttpResponse<String> again = postJson("/api/image-generation/jobs", "{\"prompt\": \"x\"}", "Idempotency-Key", key);

        assertThat(json(again).path("job_id").asText()).isEqualTo(jobId);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        String after = httpGet("/actuator/prometheus").body();
        assertThat(value(after, "imagegen_idempotent_replays_total")).isEqualTo(value(before, "imagegen_idempotent_replays_total") + 1);
        assertThat(value(after, "imagegen_jobs{status=\"succeeded\"}")).isEqualTo(value(before, "imagegen_jobs{status=\"succeeded\"}"));
        assertThat(GigaChatStub.chatCalls()).isEqualTo(1);
    }

    /** The value of the sample {@code sample} (its name and tags, as Prometheus writes them) in a scrape. */
    private static double value(String scrape, String sample) {
        return scrape.lines().filter(line -> line.startsWith(sample + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(sample.length() + 1))).findFirst()
                .orElseThrow(() -> new AssertionError(sample + " is not in the scrape"));
    }
}
