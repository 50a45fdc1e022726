package ru.newsmed.imagegen.support;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import ru.newsmed.imagegen.gigachat.GigaChatTokenCache;
import ru.newsmed.imagegen.provider.ProviderCircuit;
import ru.newsmed.imagegen.routing.ProviderRouting;

/**
 * The shared context most tests run in: both providers configured on WireMock, GigaChat reached
 * over HTTPS and trusted through GIGACHAT_CA_BUNDLE (the certificate is not in the JVM's roots),
 * an admin token, job callbacks allowed to localhost and signed with {@link CallbackReceiver#SECRET}.
 * Each test starts from mode gigachat, rollout 100, fallback off (so a provider's own answers are
 * seen), closed circuits, empty stubs and no cached token; fallback tests turn it on through the
 * admin endpoint.
 */
public abstract class ProviderServiceTest extends ServiceTest {

    protected static final String ADMIN_TOKEN = "test-admin-token-SECRET-9c1e";
    protected static Path storage;
    /** The embedded broker's TCP acceptor, for JMS clients outside this Spring context. */
    protected static final int BROKER_PORT = freePort();
    /** The login of clients through that acceptor. */
    protected static final String BROKER_USER = "esb-client";
    protected static final String BROKER_PASSWORD = "test-jms-password-SECRET-3b7e";

    @Autowired
    protected GigaChatTokenCache tokenCache;

    @Autowired
    protected ProviderRouting routing;

    @Autowired
    @Qualifier("imagegenGigachatCircuit")
    protected ProviderCircuit gigachatCircuit;

    @Autowired
    @Qualifier("imagegenYandexCircuit")
    protected ProviderCircuit yandexCircuit;

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        storage = registerCommon(registry);
        registerYandex(registry);
        registry.add("GIGACHAT_AUTH_KEY", () -> GigaChatStub.AUTH_KEY);
        registry.add("GIGACHAT_CA_BUNDLE", () -> TestCertificates.caBundle().toString());
        registry.add("IMAGE_ADMIN_TOKEN", () -> ADMIN_TOKEN);
        registry.add("IMAGE_FALLBACK_ENABLED", () -> "false");
        registry.add("IMAGE_JMS_EMBEDDED_ACCEPTOR", () -> "tcp://127.0.0.1:" + BROKER_PORT);
        registry.add("IMAGE_JMS_USER", () -> BROKER_USER);
        registry.add("IMAGE_JMS_PASSWORD", () -> BROKER_PASSWORD);
        registry.add("IMAGE_CALLBACK_ALLOWED_HOSTS", () -> CallbackReceiver.ALLOWED_HOSTS);
        registry.add("IMAGE_CALLBACK_SECRET", () -> CallbackReceiver.SECRET);
    }

    @Autowired
    private Environment environment;

    @BeforeEach
    void resetProviders() {
        // The storage folder of this test's own context: a subclass with settings of its own has
        // another context, whose registration would otherwise leave its folder here for every test.
        storage = Path.of(environment.getRequiredProperty("imagegen.storage.dir"));
        GigaChatStub.server().resetAll();
        GigaChatStub.inFlight().reset();
        YandexStub.server().resetAll();
        YandexStub.startsInFlight().reset();
        CallbackReceiver.reset();
        tokenCache.clear();
        // Stored as an admin's change (no address): /status says routing_source admin here; a fresh
        // service's "environment" is seen in StoredRoutingTest.
        routing.change("gigachat", 100, false);
        gigachatCircuit.breaker().reset();
        yandexCircuit.breaker().reset();
    }

    /** GigaChat draws every request (a small JPEG). */
    protected static void gigachatDraws() {
        GigaChatStub.stubDrawing(UUID.randomUUID().toString(), GigaChatStub.smallJpeg());
    }

    /** YandexART draws every request (a small JPEG), after one pending poll the first time. */
    protected static void yandexDraws() {
        YandexStub.stubDrawing("fbv-" + UUID.randomUUID(), 0, GigaChatStub.smallJpeg());
    }

    /** How many files the storage folder holds. */
    protected static int storedFiles() {
        String[] names = storage.toFile().list();
        return names == null ? 0 : names.length;
    }

    /** POST /admin/routing with the admin token. */
    protected HttpResponse<String> changeRouting(String json) {
        return postJson("/api/image-generation/admin/routing", json, "Authorization", "Bearer " + ADMIN_TOKEN);
    }
}
