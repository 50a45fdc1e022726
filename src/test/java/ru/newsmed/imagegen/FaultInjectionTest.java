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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import ru.newsmed.imagegen.gigachat.GigaChatTokenCache;
import ru.newsmed.imagegen.provider.ProviderCircuit;
import ru.newsmed.imagegen.routing.ProviderRouting;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.LeftoverWork;
import ru.newsmed.imagegen.support.ServiceTest;
import ru.newsmed.imagegen.support.TestCertificates;
import ru.newsmed.imagegen.support.YandexStub;

/**
 * Every fault WireMock can throw at every upstream call (GigaChat's OAuth, chat and download,
 * YandexART's start and poll), three ways: on every attempt with fallback off (a contract error
 * after the call's retries, or at once when the fault is final), on the first attempt only (retried
 * and drawn, or the contract error when the fault is final by design), and on every attempt of the
 * GigaChat chat and the YandexART poll with fallback on (drawn by the other provider); plus a
 * regular file where the image folder should be. Each row also checks the number of attempts the
 * provider saw, that exactly the image and its record are stored (or nothing), that no temporary
 * file is left, and that nothing of the request is still working afterwards (Camel's in-flight
 * exchanges, the provider slots, our threads); the live threads outside idle pools must not grow
 * over the matrix. Calls are bounded by 1 s here, so a delay past the timeout is one of the
 * faults; a request keeps the tests' 6 s, room for the fallback after two slow attempts. Prints the matrix, ending
 * "faults tried N, survived N".
 */
class FaultInjectionTest extends ServiceTest {

    private static final List<String> CALLS = List.of("oauth", "chat", "download", "yandex start", "poll");
    /** One call of each provider is enough for fallback: the other provider takes over whichever call failed. */
    private static final List<String> FALLBACK_CALLS = List.of("chat", "poll");
    private static final String PROMPT = "{\"prompt\": \"Томограф\", \"provider\": \"%s\"}";
    private static final String OPERATION = "fbv-fault";
    /** GIGACHAT_MAX_RETRIES and YC_MAX_RETRIES here. */
    private static final int RETRIES = 1;
    /** Threads the service may add for good (pools, HTTP connections) over the whole matrix. */
    private static final int THREAD_SLACK = 10;
    private static final Duration SETTLE = Duration.ofSeconds(5);

    @Value("${imagegen.storage.dir}")
    Path storage;

    @Autowired
    GigaChatTokenCache tokenCache;

    @Autowired
    List<ProviderCircuit> circuits;

    @Autowired
    ProviderRouting routing;

    @Autowired
    CamelContext camel;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void shortTimeouts(DynamicPropertyRegistry registry) {
        registerCommon(registry);
        registerYandex(registry);
        registry.add("GIGACHAT_AUTH_KEY", () -> GigaChatStub.AUTH_KEY);
        registry.add("GIGACHAT_CA_BUNDLE", () -> TestCertificates.caBundle().toString());
        registry.add("GIGACHAT_REQUEST_TIMEOUT", () -> "1");
        registry.add("YC_REQUEST_TIMEOUT", () -> "1");
        registry.add("GIGACHAT_MAX_RETRIES", () -> String.valueOf(RETRIES));
        registry.add("YC_MAX_RETRIES", () -> String.valueOf(RETRIES));
        registry.add("IMAGE_RETRY_INITIAL_DELAY_MS", () -> "20");
        registry.add("IMAGE_RETRY_MAX_DELAY_MS", () -> "50");
        registry.add("IMAGE_FALLBACK_ENABLED", () -> "false");
    }

    /** How a fault is injected: on every attempt (fallback off or on), or on the first attempt only. */
    private enum Mode {
        EVERY("every"), ONCE("once"), FALLBACK("fallback");

        final String label;

        Mode(String label) {
            this.label = label;
        }
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
                .withBody(call.equals("poll") ? "{\"id\":\"" + OPERATION + "\",\"done\":true,\"response\":{\"image\":\"PGh0bWw+\"}}"
                        : "<html><body>truncat"));
        return faults;
    }

    /**
     * Whether the call is tried again after the fault. Transport faults, 429 and 5xx always are; a
     * garbled 200 is only where another attempt costs nothing (the download of a drawn file, a poll
     * of a running operation). A garbled chat or start is final: repeating it would pay for a second
     * drawing (and fallback covers it); so is a garbled OAuth answer, more likely a wrong URL than a
     * glitch; and a poll that says done with something that is no image would say it again.
     */
    private static boolean retried(String call, String fault) {
        return switch (fault) {
            case "malformed JSON" -> call.equals("download") || call.equals("poll");
            case "truncated, not an image" -> call.equals("download");
            default -> true;
        };
    }

    @AfterEach
    void fallbackOff() {
        routing.change(null, null, false);
    }

    @Test
    void survivesEveryFaultOfEveryUpstreamCallAndOfTheImageFolder() throws Exception {
        long threadsBefore = LeftoverWork.liveThreadsOutsidePools();
        List<String> matrix = new ArrayList<>();
        int tried = 0;
        int survived = 0;
        List<String> timings = new ArrayList<>();
        for (Mode mode : Mode.values()) {
            long started = System.nanoTime();
            routing.change(null, null, mode == Mode.FALLBACK);
            for (String call : mode == Mode.FALLBACK ? FALLBACK_CALLS : CALLS) {
                for (Map.Entry<String, Supplier<ResponseDefinitionBuilder>> fault : faults(call).entrySet()) {
                    tried++;
                    String outcome = inject(mode, call, fault.getKey(), fault.getValue().get());
                    matrix.add(String.format("%-9s %-13s %-24s %s", mode.label, call, fault.getKey(), outcome));
                    survived += outcome.startsWith("ok") ? 1 : 0;
                }
            }
            timings.add(mode.label + " " + (System.nanoTime() - started) / 1_000_000_000 + " s");
        }
        routing.change(null, null, false);
        tried++;
        String folder = folderIsAFile();
        matrix.add(String.format("%-9s %-13s %-24s %s", "every", "local write", "folder is a regular file", folder));
        survived += folder.startsWith("ok") ? 1 : 0;
        long threadsAfter = LeftoverWork.liveThreadsOutsidePools();
        matrix.add("time: " + String.join(", ", timings));
        matrix.add("live threads outside idle pools: " + threadsBefore + " before, " + threadsAfter + " after");
        matrix.add("faults tried " + tried + ", survived " + survived);
        System.out.println(String.join(System.lineSeparator(), matrix));

        assertThat(survived).as(String.join("\n", matrix)).isEqualTo(tried);
        assertThat(threadsAfter).as("threads left working after the matrix").isLessThanOrEqualTo(threadsBefore + THREAD_SLACK);
    }

    /** One fault on one call, injected as {@code mode} says; "ok ..." when every check holds. */
    private String inject(Mode mode, String call, String fault, ResponseDefinitionBuilder reply) throws IOException {
        reset();
        GigaChatStub.stubDrawing(UUID.randomUUID().toString(), GigaChatStub.smallJpeg());
        YandexStub.stubDrawing(OPERATION, 0, GigaChatStub.smallJpeg());
        MappingBuilder target = switch (call) {
            case "oauth" -> post(GigaChatStub.OAUTH_PATH);
            case "chat" -> post(GigaChatStub.CHAT_PATH);
            case "download" -> get(urlPathMatching("/api/v1/files/.*"));
            case "yandex start" -> post(YandexStub.START_PATH);
            default -> get(YandexStub.operationPath(OPERATION));
        };
        if (mode == Mode.ONCE) {
            target = target.inScenario("fault once").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("passed");
        }
        boolean yandex = call.equals("yandex start") || call.equals("poll");
        (yandex ? YandexStub.server() : GigaChatStub.server()).stubFor(target.atPriority(1).willReturn(reply));
        Set<String> storedBefore = stored();

        HttpResponse<String> response = generate(String.format(PROMPT, yandex ? "yandex" : "gigachat"));

        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException notJson) {
            return "FAILED: HTTP " + response.statusCode() + " not JSON";
        }
        boolean retried = retried(call, fault);
        // On every attempt a retried fault may see fewer than 1 + RETRIES (an attempt lost to a slow
        // OAuth spends the same budget), never more; a final one, or one retry to success, exactly.
        int mostAttempts = retried ? (mode == Mode.ONCE ? 2 : 1 + RETRIES) : 1;
        int leastAttempts = mode == Mode.ONCE ? mostAttempts : 1;
        boolean drawn = mode == Mode.FALLBACK || (mode == Mode.ONCE && retried);
        String expected = drawn ? "200" : "502 provider_failed";
        int status = response.statusCode();
        String summary = status + (status == 200 ? "" : " " + body.path("error").asText());
        List<String> wrong = new ArrayList<>();
        if (!summary.equals(expected) || !body.has("success")) {
            wrong.add("expected " + expected);
        }
        if (mode == Mode.FALLBACK && (!body.path("fallback_used").asBoolean()
                || !body.path("provider").asText().equals(yandex ? "gigachat" : "yandex"))) {
            wrong.add("not drawn by the fallback");
        }
        int attempts = attempts(call);
        if (attempts < leastAttempts || attempts > mostAttempts) {
            wrong.add(attempts + " attempts, expected " + (leastAttempts == mostAttempts ? "" : leastAttempts + " to ")
                    + mostAttempts);
        }
        Set<String> added = new HashSet<>(stored());
        added.removeAll(storedBefore);
        String imageId = body.path("image_id").asText();
        Set<String> expectedFiles = status == 200 ? Set.of(imageId + ".jpeg", imageId + ".json") : Set.of();
        if (!added.equals(expectedFiles)) {
            wrong.add("stored " + added);
        }
        wrong.addAll(leftovers());
        if (!wrong.isEmpty()) {
            return "FAILED: " + summary + ": " + String.join(", ", wrong);
        }
        return "ok " + summary + switch (mode) {
            case EVERY -> retried ? " after " + attempts + " attempts" : " (final)";
            case ONCE -> retried ? " after retry" : " (final)";
            case FALLBACK -> " by " + body.path("provider").asText() + ", fallback_used";
        };
    }

    /** The storage folder replaced by a regular file (unwritable even for root): storage_failed, the file untouched. */
    private String folderIsAFile() throws Exception {
        reset();
        GigaChatStub.stubDrawing(UUID.randomUUID().toString(), GigaChatStub.smallJpeg());
        return withFolderAsAFile(storage, () -> {
            HttpResponse<String> response = generate(String.format(PROMPT, "gigachat"));

            String summary = response.statusCode() + " " + json(response).path("error").asText();
            List<String> wrong = new ArrayList<>(leftovers());
            if (!summary.equals("502 storage_failed")) {
                wrong.add("expected 502 storage_failed");
            }
            if (!Files.readString(storage).equals(FOLDER_AS_A_FILE)) {
                wrong.add("the file was overwritten");
            }
            return wrong.isEmpty() ? "ok " + summary : "FAILED: " + summary + ": " + String.join(", ", wrong);
        });
    }

    private static int attempts(String call) {
        return switch (call) {
            case "oauth" -> GigaChatStub.tokenFetches();
            case "chat" -> GigaChatStub.chatCalls();
            case "download" -> GigaChatStub.downloads();
            case "yandex start" -> YandexStub.starts();
            default -> YandexStub.polls(OPERATION);
        };
    }

    /** What a finished request must not leave: a temporary file, or anything still working once it settles. */
    private List<String> leftovers() throws IOException {
        List<String> left = new ArrayList<>();
        if (temporaryFiles() > 0) {
            left.add("temporary file left");
        }
        new LeftoverWork(camel, meters).after(SETTLE).ifPresent(left::add);
        return left;
    }

    private void reset() {
        GigaChatStub.server().resetAll();
        YandexStub.server().resetAll();
        tokenCache.clear();
        circuits.forEach(circuit -> circuit.breaker().reset());
    }

    private Set<String> stored() throws IOException {
        if (!Files.isDirectory(storage)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(storage)) {
            return files.map(path -> path.getFileName().toString()).filter(name -> !name.startsWith(".tmp-"))
                    .collect(Collectors.toSet());
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
