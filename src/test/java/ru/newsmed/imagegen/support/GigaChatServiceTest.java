package ru.newsmed.imagegen.support;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import ru.newsmed.imagegen.gigachat.GigaChatTokenCache;

/**
 * The shared context most tests run in: GigaChat configured and reached over HTTPS, trusted
 * through GIGACHAT_CA_BUNDLE (the certificate is not in the JVM's roots).
 */
public abstract class GigaChatServiceTest extends ServiceTest {

    protected static Path storage;

    @Autowired
    protected GigaChatTokenCache tokenCache;

    @DynamicPropertySource
    static void gigachat(DynamicPropertyRegistry registry) {
        storage = registerCommon(registry);
        registry.add("GIGACHAT_AUTH_KEY", () -> GigaChatStub.AUTH_KEY);
        registry.add("GIGACHAT_CA_BUNDLE", () -> TestCertificates.caBundle().toString());
    }

    @BeforeEach
    void resetProviders() {
        GigaChatStub.server().resetAll();
        GigaChatStub.inFlight().reset();
        tokenCache.clear();
    }
}
