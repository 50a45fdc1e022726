package ru.newsmed.imagegen.yandex;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import ru.newsmed.imagegen.prompt.PreparedPrompt;

class YandexRequestsTest {

    private static YandexSettings settings(String apiKey, String iamToken, String folder) {
        return new YandexSettings(folder, apiKey, iamToken, Duration.ofSeconds(3), Duration.ofSeconds(300), 10,
                Duration.ofSeconds(30));
    }

    private final YandexRequests requests = new YandexRequests(settings("key", null, "folder"), new ObjectMapper());

    @Test
    void prefersTheApiKeyAndFallsBackToTheIamToken() {
        assertThat(settings("k-1", "t-1", "f").authorization()).isEqualTo("Api-Key k-1");
        assertThat(settings("", "t-1", "f").authorization()).isEqualTo("Bearer t-1");
        assertThat(settings("", "t-1", "f").configured()).isTrue();
    }

    @Test
    void namesWhatIsMissing() {
        assertThat(settings(null, null, null).missing()).isEqualTo("YC_FOLDER_ID and YC_API_KEY (or YC_IAM_TOKEN)");
        assertThat(settings(null, " ", "f").missing()).isEqualTo("YC_API_KEY (or YC_IAM_TOKEN)");
        assertThat(settings("k", null, "").missing()).isEqualTo("YC_FOLDER_ID");
        assertThat(settings("k", null, "").configured()).isFalse();
    }

    @Test
    void sendsPromptAndEnrichmentWholeWhenTheyFit() {
        PreparedPrompt prompt = new PreparedPrompt("Врач", "Врач", "фотореалистично, без текста");

        assertThat(requests.text(prompt, "r")).isEqualTo("Врач. фотореалистично, без текста");
    }

    @Test
    void cutsTheEnrichmentAtAWordBeforeThePrompt() {
        String own = "а".repeat(470);
        PreparedPrompt prompt = new PreparedPrompt(own, own, "фотореалистичное изображение, естественный свет, без текста");

        String text = requests.text(prompt, "r");

        assertThat(text).hasSizeLessThanOrEqualTo(500).startsWith(own + ". фотореалистичное изображение");
        assertThat(text).doesNotEndWith(",").doesNotContain("без текста");
    }

    @Test
    void dropsTheEnrichmentAndCutsAPromptThatAloneIsTooLong() {
        String own = "слово ".repeat(120).strip();
        PreparedPrompt prompt = new PreparedPrompt(own, own, "фотореалистично");

        String text = requests.text(prompt, "r");

        assertThat(text).hasSizeLessThanOrEqualTo(500).endsWith("слово").doesNotContain("фото");
        assertThat(text.length()).isGreaterThan(490);
    }

    @Test
    void cutsAWordlessTextAtTheLimit() {
        assertThat(YandexRequests.cutAtWord("x".repeat(600), 500)).hasSize(500);
        assertThat(YandexRequests.cutAtWord("short", 500)).isEqualTo("short");
        assertThat(YandexRequests.cutAtWord("anything", 0)).isEmpty();
    }
}
