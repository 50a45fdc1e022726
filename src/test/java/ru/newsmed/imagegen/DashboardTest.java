package ru.newsmed.imagegen;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.ProviderServiceTest;

/** config/grafana-dashboard.json is importable JSON, and every metric it queries exists in the scrape. */
class DashboardTest extends ProviderServiceTest {

    private static final Pattern METRIC = Pattern.compile("\\b((?:imagegen|camel)_[a-z_]+)");

    @Test
    void queriesOnlyMetricsTheServiceExposes() throws Exception {
        JsonNode dashboard = JSON.readTree(Path.of("config", "grafana-dashboard.json").toFile());
        assertThat(dashboard.path("title").asText()).isNotBlank();
        assertThat(dashboard.path("uid").asText()).isNotBlank();
        assertThat(dashboard.path("__inputs").path(0).path("pluginId").asText()).isEqualTo("prometheus");
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("targets").size()).as(panel.path("title").asText()).isPositive();
            for (JsonNode target : panel.path("targets")) {
                Matcher metric = METRIC.matcher(target.path("expr").asText());
                while (metric.find()) {
                    queried.add(metric.group(1));
                }
            }
        }
        gigachatDraws();
        yandexDraws();
        changeRouting("{\"mode\": \"both\", \"fallback_enabled\": true}");
        assertThat(generate("{\"prompt\": \"x\"}").statusCode()).isEqualTo(200);
        GigaChatStub.server().stubFor(post(GigaChatStub.CHAT_PATH).atPriority(1).willReturn(GigaChatStub.error(402, "Payment Required")));
        changeRouting("{\"mode\": \"gigachat\"}");
        assertThat(generate("{\"prompt\": \"x\"}").statusCode()).isEqualTo(200);

        String scrape = httpGet("/actuator/prometheus").body();

        assertThat(queried).contains("imagegen_generation_seconds_bucket", "imagegen_fallbacks_total",
                "imagegen_gigachat_token_fetches_total", "imagegen_in_flight", "imagegen_queued");
        for (String metric : queried) {
            assertThat(scrape.lines()).as(metric).anyMatch(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "));
        }
    }
}
