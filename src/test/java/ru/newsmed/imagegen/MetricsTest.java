package ru.newsmed.imagegen;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import ru.newsmed.imagegen.ops.MeterRegistrationWatch;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.ProviderServiceTest;
import ru.newsmed.imagegen.support.YandexStub;

/** /actuator/prometheus after a success, a refusal, a failure with fallback and a comparison. */
class MetricsTest extends ProviderServiceTest {

    @Autowired
    MeterRegistrationWatch registrations;

    @Test
    void exposesTheContractsMetersWithTheirTags() {
        gigachatDraws();
        yandexDraws();
        assertThat(generate("{\"prompt\": \"x\"}").statusCode()).isEqualTo(200);
        assertThat(generate("{\"prompt\": \"x\", \"provider\": \"both\"}").statusCode()).isEqualTo(200);
        YandexStub.stubStart(YandexStub.flatError(400, 3, YandexStub.REFUSAL));
        assertThat(generate("{\"prompt\": \"x\", \"provider\": \"yandex\"}").statusCode()).isEqualTo(422);
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).atPriority(1).willReturn(GigaChatStub.error(402, "Payment Required")));
        yandexDraws();
        changeRouting("{\"fallback_enabled\": true}");
        assertThat(generate("{\"prompt\": \"x\"}").statusCode()).isEqualTo(200);

        String scrape = httpGet("/actuator/prometheus").body();

        List<String> lines = scrape.lines().toList();
        assertThat(lines).anyMatch(line -> line.startsWith("imagegen_generation_seconds_count{")
                && line.contains("outcome=\"success\"") && line.contains("provider=\"gigachat\""));
        assertThat(lines).anyMatch(line -> line.startsWith("imagegen_generation_seconds_count{")
                && line.contains("outcome=\"refused\"") && line.contains("provider=\"yandex\""));
        assertThat(lines).anyMatch(line -> line.startsWith("imagegen_generation_seconds_count{")
                && line.contains("outcome=\"failure\"") && line.contains("provider=\"gigachat\""));
        assertThat(lines).anyMatch(line -> line.startsWith("imagegen_generation_seconds_bucket{") && line.contains("le="));
        assertThat(lines).anyMatch(line -> line.startsWith("imagegen_fallbacks_total{") && line.contains("from=\"gigachat\"")
                && line.contains("reason=\"failed\"") && line.contains("to=\"yandex\""));
        assertThat(lines).anyMatch(line -> line.startsWith("imagegen_gigachat_token_fetches_total{outcome=\"success\"}"));
        assertThat(lines).anyMatch(line -> line.startsWith("imagegen_comparisons_total"));
        assertThat(lines).anyMatch(line -> line.startsWith("imagegen_in_flight{provider=\"gigachat\"}"));
        assertThat(lines).anyMatch(line -> line.startsWith("imagegen_queued{provider=\"yandex\"}"));
        assertThat(lines).anyMatch(line -> line.startsWith("camel_") && line.contains("routeId=\"imagegen-generate-image\""));
        assertThat(registrations.failures()).as("meters dropped for clashing tags").isEmpty();
    }
}
