package ru.newsmed.imagegen.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.PackagedService;
import ru.newsmed.imagegen.support.TestCertificates;
import ru.newsmed.imagegen.support.YandexStub;

/**
 * Durable work across a crash: the packaged service (a JVM of its own) is killed with SIGKILL
 * while the providers have been paid for work not yet finished, then started again on the same
 * database, storage folder and watched folder. Every scenario is set going in the first process,
 * the one crash interrupts them all at once, and each test checks one of them in the second
 * process: nothing paid for twice, nothing lost. A subclass gives the database that outlives the
 * process (an H2 file, PostgreSQL).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CrashRecoveryScenarios {

    /** A word of this class's own in every prompt and id, so that the journal tells its calls apart. */
    private final String run = "c" + UUID.randomUUID().toString().substring(0, 8);
    private final Path folder = Path.of("target", "crash-tests", getClass().getSimpleName() + "-" + run).toAbsolutePath();
    private final YandexJobsPending yandexJobs = new YandexJobsPending(run);
    private final GigaChatDownloadsPending gigachatJobs = new GigaChatDownloadsPending(run);
    private final PromptFilePending promptFile = new PromptFilePending(folder.resolve("inbox"), run);
    private final KeyedGenerateInterrupted keyedGenerate = new KeyedGenerateInterrupted(run);
    private final PlainGeneratePaid plainGenerate = new PlainGeneratePaid(folder.resolve("storage"), run);
    private final AdminRoutingSet adminRouting = new AdminRoutingSet(run);
    private final List<CrashScenario> scenarios = List.of(yandexJobs, gigachatJobs, promptFile, keyedGenerate, plainGenerate,
            adminRouting);
    private PackagedService service;

    /** IMAGE_DB_URL (and IMAGE_DB_USER, IMAGE_DB_PASSWORD) of a database that outlives the process. */
    abstract Map<String, String> database(Path folder);

    @BeforeAll
    void crashWhileWorkIsPaidForThenRestart() throws Exception {
        GigaChatStub.server().resetAll();
        YandexStub.server().resetAll();
        GigaChatStub.stubFreshTokens();
        Map<String, String> settings = settings();
        long started = System.nanoTime();
        launch(settings);
        // One after the other, each under way before the next is set going (the admin's routing
        // change comes last, so that it steers none of the others).
        for (CrashScenario scenario : scenarios) {
            scenario.setGoing(service);
            await().atMost(CrashScenario.PATIENCE).until(() -> scenario.underWay(service));
        }
        await().atMost(CrashScenario.PATIENCE).until(this::allUnderWay);

        service.kill();
        assertThat(service.alive()).as("the service after SIGKILL").isFalse();
        scenarios.forEach(CrashScenario::whileDown);
        launch(settings);
        System.out.printf("%s: crashed and started again in %.1f s%n", getClass().getSimpleName(),
                (System.nanoTime() - started) / 1e9);
    }

    @AfterAll
    void stopTheService() throws InterruptedException {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void finishesTheYandexArtJobsByPollingTheirOperationsAgainNeverStartingThemTwice() {
        yandexJobs.assertFinished(service);
    }

    @Test
    void finishesTheGigaChatJobsByDownloadingTheirFilesAgainNeverDrawingThemTwice() throws Exception {
        gigachatJobs.assertFinished(service);
    }

    @Test
    void answersThePromptFileFromTheDrawingMadeBeforeTheCrashNeverDrawingItAgain() throws Exception {
        promptFile.assertAnswered();
    }

    @Test
    void answersTheInterruptedKeyedGenerateRetryWith409ThenTheResumedWorksReplayedAnswer() throws Exception {
        keyedGenerate.assertRetryAnswered(service);
    }

    @Test
    void finishesAPlainGenerateThatPaidBeforeTheCrashStoringItsImageFromTheSameOperation() {
        plainGenerate.assertKept();
    }

    @Test
    void keepsTheRoutingAnAdminSetOverTheEnvironmentAcrossTheCrash() throws Exception {
        adminRouting.assertKept(service);
    }

    private boolean allUnderWay() throws Exception {
        for (CrashScenario scenario : scenarios) {
            if (!scenario.underWay(service)) {
                return false;
            }
        }
        return true;
    }

    /** The service on the folder (kept in {@link #service} at once, so that it is stopped whatever happens next). */
    private void launch(Map<String, String> settings) throws Exception {
        service = PackagedService.launch(PackagedService.execJar(), folder, settings, List.of());
        service.awaitHealthy(Duration.ofSeconds(120));
    }

    /** Both providers on WireMock; limits that let every scenario be in flight at once, and outlast the test. */
    private Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>(database(folder));
        settings.put("GIGACHAT_AUTH_KEY", GigaChatStub.AUTH_KEY);
        settings.put("GIGACHAT_CLIENT_ID", GigaChatStub.CLIENT_ID);
        settings.put("GIGACHAT_OAUTH_URL", GigaChatStub.httpsUrl(GigaChatStub.OAUTH_PATH));
        settings.put("GIGACHAT_BASE_URL", GigaChatStub.httpsUrl("/api/v1"));
        settings.put("GIGACHAT_CA_BUNDLE", TestCertificates.caBundle().toString());
        settings.put("GIGACHAT_MAX_CONCURRENT", "8");
        settings.put("GIGACHAT_REQUEST_TIMEOUT", "120");
        settings.put("YC_FOLDER_ID", YandexStub.FOLDER_ID);
        settings.put("YC_API_KEY", YandexStub.API_KEY);
        settings.put("YC_BASE_URL", YandexStub.url(""));
        settings.put("YC_OPERATIONS_URL", YandexStub.url(YandexStub.OPERATIONS_PATH));
        settings.put("YC_POLL_INTERVAL", "100ms");
        settings.put("YC_GENERATION_TIMEOUT", "180");
        settings.put("IMAGE_PROVIDER", "gigachat");
        settings.put("GIGACHAT_ROLLOUT_PERCENT", "100");
        settings.put("IMAGE_FALLBACK_ENABLED", "false");
        settings.put("IMAGE_ADMIN_TOKEN", AdminRoutingSet.ADMIN_TOKEN);
        settings.put("IMAGE_JOB_CONCURRENCY", "10");
        settings.put("IMAGE_REQUEST_TIMEOUT", "180");
        settings.put("IMAGE_RETRY_INITIAL_DELAY_MS", "50");
        settings.put("IMAGE_RETRY_MAX_DELAY_MS", "200");
        settings.put("IMAGE_STORAGE_DIR", folder.resolve("storage").toString());
        settings.put("IMAGE_INBOX_DIR", folder.resolve("inbox").toString());
        settings.put("IMAGE_INBOX_STABLE_MS", "300");
        settings.put("IMAGE_INBOX_POLL_MS", "100");
        settings.put("IMAGE_SHUTDOWN_TIMEOUT", "5");
        return settings;
    }
}
