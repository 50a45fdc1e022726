package ru.newsmed.imagegen;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import ru.newsmed.imagegen.gigachat.GigaChatTokenCache;
import ru.newsmed.imagegen.provider.ProviderCircuit;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.ServiceTest;
import ru.newsmed.imagegen.support.TestCertificates;
import ru.newsmed.imagegen.support.YandexStub;

/**
 * Every fault WireMock can throw at every upstream call (GigaChat's OAuth, chat and download,
 * YandexART's start and poll), each time on every attempt: the answer is a success after retries or
 * a contract error, never a 500; nothing partial is stored and no temporary file is left. Calls are
 * bounded by 1 s and a request by 3 s here, so a delay past the timeout is one of the faults.
 * Prints the matrix, ending "faults tried N, survived N". (A malformed chunk is answered 504 by
 * the request's bound rather than failing within the call's own timeout.)
 */
class FaultInjectionTest extends ServiceTest {

    private static final Set<Integer> CONTRACT_STATUSES = Set.of(200, 502, 503, 504);
    private static final String PROMPT = "{\"prompt\": \"Томограф\", \"provider\": \"%s\"}";

    @Value("${image.storage.dir}")
    Path storage;

    @Autowired
    GigaChatTokenCache tokenCache;

    @Autowired
    List<ProviderCircuit> circuits;

    @DynamicPropertySource
    static void shortTimeouts(DynamicPropertyRegistry registry) {
        registerCommon(registry);
        registerYandex(registry);
        registry.add("GIGACHAT_AUTH_KEY", () -> GigaChatStub.AUTH_KEY);
        registry.add("GIGACHAT_CA_BUNDLE", () -> TestCertificates.caBundle().toString());
        registry.add("GIGACHAT_REQUEST_TIMEOUT", () -> "1");
        registry.add("YC_REQUEST_TIMEOUT", () -> "1");
        registry.add("GIGACHAT_MAX_RETRIES", () -> "1");
        registry.add("YC_MAX_RETRIES", () -> "1");
        registry.add("IMAGE_RETRY_INITIAL_DELAY_MS", () -> "20");
        registry.add("IMAGE_RETRY_MAX_DELAY_MS", () -> "50");
        registry.add("IMAGE_FALLBACK_ENABLED", () -> "false");
        registry.add("IMAGE_REQUEST_TIMEOUT", () -> "3");
    }

    private static Map<String, Supplier<ResponseDefinitionBuilder>> faults(String call) {
        Map<String, Supplier<ResponseDefinitionBuilder>> faults = new LinkedHashMap<>();
        faults.put("connection reset", () -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        faults.put("empty response", () -> aResponse().withFault(Fault.EMPTY_RESPONSE));
        faults.put("malformed chunk", () -> aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));
        faults.put("random data, close", () -> aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE));
        faults.put("delay past timeout", () -> aResponse().withStatus(200).withFixedDelay(1500));
        faults.put("500", () -> aResponse().withStatus(500).withBody("{\"status\":500,\"message\":\"Internal\"}"));
        faults.put("503", () -> aResponse().withStatus(503));
        faults.put("429", () -> aResponse().withStatus(429).withBody("{\"status\":429,\"message\":\"Too many requests\"}"));
        faults.put("429 Retry-After 1", () -> aResponse().withStatus(429).withHeader("Retry-After", "1"));
        faults.put("malformed JSON", () -> aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"id\": \"op\", \"choices\": [ {"));
        faults.put("truncated, not an image", () -> aResponse().withStatus(200)
                .withHeader("Content-Type", call.equals("download") ? "image/jpeg" : "application/json")
                .withBody(call.equals("poll") ? "{\"id\":\"fbv-fault\",\"done\":true,\"response\":{\"image\":\"PGh0bWw+\"}}"
                        : "<html><body>truncat"));
        return faults;
    }

    @Test
    void survivesEveryFaultOfEveryUpstreamCall() throws IOException {
        List<String> matrix = new ArrayList<>();
        int tried = 0;
        int survived = 0;
        for (String call : List.of("oauth", "chat", "download", "yandex start", "poll")) {
            for (Map.Entry<String, Supplier<ResponseDefinitionBuilder>> fault : faults(call).entrySet()) {
                tried++;
                String outcome = inject(call, fault.getValue().get());
                matrix.add(String.format("%-13s %-24s %s", call, fault.getKey(), outcome));
                if (outcome.startsWith("ok")) {
                    survived++;
                }
            }
        }
        matrix.add("faults tried " + tried + ", survived " + survived);
        System.out.println(String.join(System.lineSeparator(), matrix));

        assertThat(survived).as(String.join("\n", matrix)).isEqualTo(tried);
    }

    @Test
    void answersStorageFailedWhenTheFolderIsAFileAndLeavesNothing() throws IOException {
        reset();
        GigaChatStub.stubDrawing(UUID.randomUUID().toString(), GigaChatStub.smallJpeg());
        Path aside = storage.resolveSibling(storage.getFileName() + "-aside");
        if (Files.isDirectory(storage)) {
            Files.move(storage, aside);
        }
        Files.writeString(storage, "a regular file where the image folder should be");
        try {
            HttpResponse<String> response = generate(String.format(PROMPT, "gigachat"));

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(json(response).path("error").asText()).isEqualTo("storage_failed");
            assertThat(Files.readString(storage)).startsWith("a regular file");
        } finally {
            Files.delete(storage);
            if (Files.isDirectory(aside)) {
                Files.move(aside, storage);
            }
        }
    }

    /** One fault on every attempt of one call; "ok ..." when the answer keeps the contract. */
    private String inject(String call, ResponseDefinitionBuilder fault) throws IOException {
        reset();
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubDrawing(fileId, GigaChatStub.smallJpeg());
        YandexStub.stubDrawing("fbv-fault", 0, GigaChatStub.smallJpeg());
        MappingBuilder target = switch (call) {
            case "oauth" -> post(GigaChatStub.OAUTH_PATH);
            case "chat" -> post(GigaChatStub.CHAT_PATH);
            case "download" -> get(urlPathMatching("/api/v1/files/.*"));
            case "yandex start" -> post(YandexStub.START_PATH);
            default -> get(YandexStub.operationPath("fbv-fault"));
        };
        boolean yandex = call.equals("yandex start") || call.equals("poll");
        (yandex ? YandexStub.server() : GigaChatStub.server()).stubFor(target.atPriority(1).willReturn(fault));
        long storedBefore = stored();

        HttpResponse<String> response = generate(String.format(PROMPT, yandex ? "yandex" : "gigachat"));

        int status = response.statusCode();
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException notJson) {
            return "FAILED: HTTP " + status + " not JSON";
        }
        boolean contract = CONTRACT_STATUSES.contains(status) && body.has("success")
                && (status == 200 || !body.path("error").asText().isEmpty());
        boolean storedRight = stored() == storedBefore + (status == 200 ? 2 : 0);
        boolean noTemporary = temporaryFiles() == 0;
        String summary = status + (status == 200 ? "" : " " + body.path("error").asText());
        return contract && storedRight && noTemporary ? "ok " + summary
                : "FAILED: " + summary + (storedRight ? "" : ", partial store") + (noTemporary ? "" : ", temporary file left");
    }

    private void reset() {
        GigaChatStub.server().resetAll();
        YandexStub.server().resetAll();
        tokenCache.clear();
        circuits.forEach(circuit -> circuit.breaker().reset());
    }

    private long stored() throws IOException {
        if (!Files.isDirectory(storage)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(storage)) {
            return files.filter(path -> !path.getFileName().toString().startsWith(".tmp-")).count();
        }
    }

    private long temporaryFiles() throws IOException {
        if (!Files.isDirectory(storage)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(storage)) {
            return files.filter(path -> path.getFileName().toString().startsWith(".tmp-")).count();
        }
    }
}
