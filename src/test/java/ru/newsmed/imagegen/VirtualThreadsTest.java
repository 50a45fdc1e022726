package ru.newsmed.imagegen;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jms.core.JmsTemplate;
import ru.newsmed.imagegen.provider.ProviderSlots;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.ProviderServiceTest;
import ru.newsmed.imagegen.support.ThreadDump;
import ru.newsmed.imagegen.support.ThreadDump.DumpedThread;

/**
 * On Java 21+ the service's work runs on virtual threads (spring.threads.virtual.enabled): a request
 * waiting on a slow provider holds no platform thread, whether it came over HTTP, from the watched
 * folder or from JMS. Seen in the JDK's thread dump while GigaChat is slow to answer.
 */
class VirtualThreadsTest extends ProviderServiceTest {

    private static final int REQUESTS = 60;
    /** A request's thread waiting for its generation's outcome. */
    private static final String WAITS_FOR_ITS_GENERATION = "ru.newsmed.imagegen.api.GenerationHandover";
    /** A generation's work, handed to the generation threads by generate-image's wireTap. */
    private static final String HANDED_OVER_GENERATION = "org.apache.camel.processor.WireTapProcessor";

    @Autowired
    @Qualifier("imagegenGigachatSlots")
    ProviderSlots gigachatSlots;

    @Autowired
    JmsTemplate jms;

    @Value("${imagegen.inbox.dir}")
    Path inbox;

    @BeforeEach
    void onJava21OrLater() {
        Assumptions.assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21+");
    }

    @Test
    void sixtyRequestsWaitingOnASlowProviderHoldNoPlatformThreadEach() throws Exception {
        slowGigaChat(2500);
        long platformBefore = platformThreads(ThreadDump.now());
        ExecutorService clientThreads = Executors.newFixedThreadPool(2);
        HttpClient client = HttpClient.newBuilder().executor(clientThreads).build();
        try {
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                answers.add(client.sendAsync(HttpRequest.newBuilder(uri("/api/image-generation/generate"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"Хирург в операционной\"}")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                    .until(() -> gigachatSlots.inFlight() + gigachatSlots.queued() == REQUESTS);
            List<DumpedThread> waiting = ThreadDump.now();
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                // The first ones are drawn; the rest wait longer than GIGACHAT_QUEUE_TIMEOUT for a slot.
                assertThat(answer.get(60, TimeUnit.SECONDS).statusCode()).isIn(200, 503);
            }

            assertThat(names(waiting, thread -> !thread.virtual() && servesARequest(thread)))
                    .as("platform threads working on a request").isEmpty();
            assertThat(names(waiting, thread -> thread.virtual() && thread.name().startsWith("image-request-")
                    && thread.runs(WAITS_FOR_ITS_GENERATION)))
                    .as("requests waiting for their generation on virtual threads").hasSize(REQUESTS);
            assertThat(names(waiting, thread -> thread.virtual() && thread.name().endsWith("image-generation")
                    && thread.runs(HANDED_OVER_GENERATION)))
                    .as("generations on virtual threads, calling GigaChat or waiting for a slot").hasSize(REQUESTS);
            assertThat(platformThreads(waiting) - platformBefore).as("platform threads added while %d requests wait", REQUESTS)
                    .isLessThan(30);
        } finally {
            clientThreads.shutdownNow();
        }
    }

    @Test
    void aWatchedFolderFileIsGeneratedOnVirtualThreads() throws Exception {
        slowGigaChat(1500);
        Path temporary = inbox.resolve("virtual.txt.part");
        Files.writeString(temporary, "Медсестра у постели пациента", StandardCharsets.UTF_8);
        Files.move(temporary, inbox.resolve("virtual.txt"));

        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> GigaChatStub.inFlight().now() == 1);
        List<DumpedThread> waiting = ThreadDump.now();

        Path answer = inbox.resolve(".done/virtual.txt.result.json");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Files.isRegularFile(answer) && Files.size(answer) > 0);

        assertThat(names(waiting, thread -> !thread.virtual() && servesARequest(thread)))
                .as("platform threads working on the file").isEmpty();
        assertThat(names(waiting, thread -> thread.virtual() && thread.name().endsWith("inbox")
                && thread.runs(WAITS_FOR_ITS_GENERATION))).as("the file's route on a virtual thread").hasSize(1);
        assertThat(names(waiting, thread -> thread.virtual() && thread.runs("org.apache.camel.component.http.")))
                .as("its GigaChat call on a virtual thread").hasSize(1);
    }

    @Test
    void aJmsRequestIsServedOnVirtualThreads() throws Exception {
        slowGigaChat(1500);
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<Message> reply = CompletableFuture.supplyAsync(() -> jms.sendAndReceive("image.generate.request",
                    session -> session.createTextMessage("{\"prompt\": \"Врач смотрит рентгеновский снимок\"}")), sender);

            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                    .until(() -> GigaChatStub.inFlight().now() == 1);
            List<DumpedThread> waiting = ThreadDump.now();

            assertThat(((TextMessage) reply.get(30, TimeUnit.SECONDS)).getObjectProperty("status")).isEqualTo(200);

            assertThat(names(waiting, thread -> !thread.virtual() && servesARequest(thread)))
                    .as("platform threads working on the message").isEmpty();
            assertThat(names(waiting, thread -> thread.virtual() && thread.name().contains("JmsConsumer")
                    && thread.runs(WAITS_FOR_ITS_GENERATION))).as("the message's route on a virtual thread").hasSize(1);
            assertThat(names(waiting, thread -> thread.virtual() && thread.runs("org.apache.camel.component.http.")))
                    .as("its GigaChat call on a virtual thread").hasSize(1);
        } finally {
            sender.shutdownNow();
        }
    }

    /** GigaChat draws every request, each chat call taking {@code millis}. */
    private static void slowGigaChat(int millis) {
        String fileId = UUID.randomUUID().toString();
        GigaChatStub.stubDrawing(fileId, GigaChatStub.smallJpeg());
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).willReturn(GigaChatStub.drawn(fileId).withFixedDelay(millis)));
    }

    private static List<String> names(List<DumpedThread> threads, Predicate<DumpedThread> which) {
        return threads.stream().filter(which).map(DumpedThread::name).toList();
    }

    private static long platformThreads(List<DumpedThread> threads) {
        return threads.stream().filter(thread -> !thread.virtual()).count();
    }

    /** Whether the thread is inside the service's code or a Camel processor or HTTP call (the tests' own code aside). */
    private static boolean servesARequest(DumpedThread thread) {
        return thread.classNames().stream().anyMatch(name -> name.startsWith("org.apache.camel.processor.")
                || name.startsWith("org.apache.camel.component.http.")
                || name.startsWith("ru.newsmed.imagegen.") && !name.startsWith("ru.newsmed.imagegen.support.")
                && !name.startsWith(VirtualThreadsTest.class.getName()));
    }
}
