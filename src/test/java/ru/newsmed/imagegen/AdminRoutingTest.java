package ru.newsmed.imagegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import ru.newsmed.imagegen.support.ProviderServiceTest;
import ru.newsmed.imagegen.support.YandexStub;

/** POST /admin/routing with IMAGE_ADMIN_TOKEN set (its 404 while unset is in UnconfiguredServiceTest). */
@ExtendWith(OutputCaptureExtension.class)
class AdminRoutingTest extends ProviderServiceTest {

    private static final String PATH = "/api/image-generation/admin/routing";

    @Test
    void refusesARequestWithoutTheAdminToken() {
        HttpResponse<String> response = postJson(PATH, "{\"mode\": \"yandex\"}");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).path("error").asText()).isEqualTo("unauthorized");
        assertThat(routing.state().mode()).isEqualTo("gigachat");
    }

    @Test
    void refusesAWrongAdminToken() {
        HttpResponse<String> response = postJson(PATH, "{\"mode\": \"yandex\"}", "Authorization", "Bearer " + ADMIN_TOKEN + "x");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain(ADMIN_TOKEN);
        assertThat(routing.state().mode()).isEqualTo("gigachat");
    }

    @Test
    void changesAnySubsetAndAnswersTheNewState() {
        HttpResponse<String> response = changeRouting("{\"rollout_percent\": 25}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("mode").asText()).isEqualTo("gigachat");
        assertThat(body.path("rollout_percent").asInt()).isEqualTo(25);
        assertThat(body.path("fallback_enabled").asBoolean()).isFalse();

        body = json(changeRouting("{\"mode\": \"yandex\", \"fallback_enabled\": true}"));
        assertThat(body.path("mode").asText()).isEqualTo("yandex");
        assertThat(body.path("rollout_percent").asInt()).isEqualTo(25);
        assertThat(body.path("fallback_enabled").asBoolean()).isTrue();
    }

    @Test
    void statusSaysAnAdminSetTheRoutingWhenAndFromWhichAddressButNotTheToken() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        assertThat(changeRouting("{\"rollout_percent\": 40}").statusCode()).isEqualTo(200);
        Instant after = Instant.now();

        HttpResponse<String> response = httpGet("/api/image-generation/status");

        JsonNode status = json(response);
        assertThat(status.path("rollout_percent").asInt()).isEqualTo(40);
        assertThat(status.path("routing_source").asText()).isEqualTo("admin");
        assertThat(Instant.parse(status.path("routing_changed_at").asText())).isBetween(before, after);
        assertThat(status.path("routing_changed_by").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(response.body()).doesNotContain(ADMIN_TOKEN);
    }

    @Test
    void aChangeTakesEffectForTheNextRequest() {
        gigachatDraws();
        yandexDraws();
        changeRouting("{\"mode\": \"yandex\"}");

        assertThat(json(generate("{\"prompt\": \"x\"}")).path("provider").asText()).isEqualTo("yandex");
        assertThat(YandexStub.starts()).isEqualTo(1);
    }

    @Test
    void logsABodyWithCrLfAndEscEscapedOnItsOwnLine(CapturedOutput output) {
        HttpResponse<String> response = changeRouting(
                "{\"x\\r\\n2026-12-01T00:00:00.000Z  INFO [forged] routing restored\\u001b[31m\": 1}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(output.getAll())
                .contains("x\\r\\n2026-12-01T00:00:00.000Z  INFO [forged] routing restored\\u001b[31m")
                .doesNotContain("\u001b[31m");
        assertThat(output.getAll().lines()).noneMatch(line -> line.startsWith("2026-12-01T00:00:00.000Z  INFO [forged]"));
    }

    @Test
    void refusesInvalidSettingsNamingTheField() {
        for (String[] bad : new String[][]{
                {"{\"mode\": \"openai\"}", "mode"},
                {"{\"rollout_percent\": 101}", "rollout_percent"},
                {"{\"rollout_percent\": \"50\"}", "rollout_percent"},
                {"{\"fallback_enabled\": \"yes\"}", "fallback_enabled"},
                {"{\"rollout\": 10}", "rollout"},
                {"[1]", "body"},
                {"{\"mode\": \"yandex\"} garbage", "body"},
                {"{\"mode\": \"yandex\"}\u0000", "body"},
                {"{\"mode\": \"gigachat\", \"mode\": \"yandex\"}", "body"},
                {"{", "body"}}) {
            HttpResponse<String> response = changeRouting(bad[0]);
            assertThat(response.statusCode()).as(bad[0]).isEqualTo(400);
            assertThat(json(response).path("field").asText()).as(bad[0]).isEqualTo(bad[1]);
        }
        assertThat(routing.state().mode()).isEqualTo("gigachat");
        assertThat(routing.state().rolloutPercent()).isEqualTo(100);
    }
}
