package com.example.esb;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ru.newsmed.imagegen.support.GigaChatStub;

/** A host that turns our REST API on gets it under its own REST context path, beside its endpoints. */
class EsbHostWithRestTest {

    private static ConfigurableApplicationContext host;
    private static Path storage;

    @BeforeAll
    static void startTheHost() {
        storage = EsbHost.storage();
        host = EsbHost.start(storage, "imagegen.rest.enabled=true");
    }

    @AfterAll
    static void stopTheHost() {
        host.close();
    }

    @Test
    void generatesUnderTheHostsContextPathBesideItsOwnEndpoints() throws Exception {
        GigaChatStub.server().resetAll();
        GigaChatStub.stubDrawing(UUID.randomUUID().toString(), GigaChatStub.smallJpeg());

        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(url("/esb/api/image-generation/generate"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"Вакцинация в поликлинике\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertThat(body.get("success").asBoolean()).isTrue();
        String name = body.get("image_url").asText().replaceAll(".*/", "");
        assertThat(Files.exists(storage.resolve(name))).isTrue();
        assertThat(status("/esb/orders/latest")).isEqualTo(200);
        assertThat(status("/esb/api/image-generation/health")).isEqualTo(200);
    }

    private static int status(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url(path)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static URI url(String path) {
        return URI.create("http://localhost:" + host.getEnvironment().getProperty("local.server.port") + path);
    }
}
