package ru.newsmed.imagegen.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.PackagedService;
import ru.newsmed.imagegen.support.YandexStub;

/**
 * An admin sends everything to YandexART (mode yandex, rollout 30) just before the crash; the
 * service comes back with IMAGE_PROVIDER=gigachat in its environment, and the stored routing must
 * win over it: /status says so, and a request that names no provider goes to YandexART.
 */
final class AdminRoutingSet implements CrashScenario {

    static final String ADMIN_TOKEN = "crash-admin-token-SECRET-41d7";
    private static final String ROUTING = "/api/image-generation/admin/routing";

    private final String marker;
    private final String operation;

    AdminRoutingSet(String run) {
        this.marker = run + "routed";
        this.operation = "fbv" + run + "routed";
    }

    @Override
    public void setGoing(PackagedService service) throws Exception {
        HttpResponse<String> changed = service.post(ROUTING, "{\"mode\": \"yandex\", \"rollout_percent\": 30}",
                "Authorization", "Bearer " + ADMIN_TOKEN);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    }

    @Override
    public boolean underWay(PackagedService service) {
        return true;
    }

    @Override
    public void whileDown() {
        YandexStub.stubStartFor(marker, operation);
        YandexStub.stubPoll(operation, YandexStub.done(operation, GigaChatStub.smallJpeg()));
        GigaChatStub.stubChatFor(marker, UUID.randomUUID().toString());
    }

    void assertKept(PackagedService service) throws Exception {
        JsonNode status = CrashScenario.json(service.get("/api/image-generation/status"));
        assertThat(status.path("mode").asText()).as(status.toString()).isEqualTo("yandex");
        assertThat(status.path("rollout_percent").asInt()).isEqualTo(30);
        assertThat(status.path("routing_source").asText()).isEqualTo("admin");
        assertThat(status.path("routing_changed_by").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1", "::1");
        assertThat(status.path("routing_changed_at").asText()).isNotEmpty();

        HttpResponse<String> generated = service.post(GENERATE, "{\"prompt\": \"Терапевт в кабинете, кадр " + marker + "\"}");
        assertThat(generated.statusCode()).as(generated.body()).isEqualTo(200);
        assertThat(CrashScenario.json(generated).path("provider").asText()).isEqualTo("yandex");
        assertThat(YandexStub.startsFor(marker)).isEqualTo(1);
        assertThat(GigaChatStub.chatsFor(marker)).isZero();
    }
}
