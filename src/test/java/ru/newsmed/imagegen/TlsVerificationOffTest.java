package ru.newsmed.imagegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.ServiceTest;

/** GIGACHAT_VERIFY_SSL=false and no CA bundle: GigaChat's untrusted certificate is accepted. */
class TlsVerificationOffTest extends ServiceTest {

    @DynamicPropertySource
    static void withoutVerification(DynamicPropertyRegistry registry) {
        registerCommon(registry);
        registry.add("GIGACHAT_AUTH_KEY", () -> GigaChatStub.AUTH_KEY);
        registry.add("GIGACHAT_VERIFY_SSL", () -> "false");
    }

    @Test
    void drawsOverTlsItDoesNotVerify() {
        GigaChatStub.server().resetAll();
        GigaChatStub.stubDrawing(UUID.randomUUID().toString(), GigaChatStub.smallJpeg());

        HttpResponse<String> response = generate("{\"prompt\": \"Маяк\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(GigaChatStub.tokenFetches()).isEqualTo(1);
    }
}
