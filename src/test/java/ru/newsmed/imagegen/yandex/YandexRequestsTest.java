package ru.newsmed.imagegen.yandex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import ru.newsmed.imagegen.prompt.PreparedPrompt;

class YandexRequestsTest {

    private static YandexAccount account(String apiKey, String iamToken, String folder) {
        return new YandexAccount(folder, apiKey, iamToken);
    }

    private final YandexRequests requests = new YandexRequests();

    @Test
    void prefersTheApiKeyAndFallsBackToTheIamToken() {
        assertThat(account("k-1", "t-1", "f").authorization()).isEqualTo("Api-Key k-1");
        assertThat(account("", "t-1", "f").authorization()).isEqualTo("Bearer t-1");
        assertThat(account("", "t-1", "f").configured()).isTrue();
    }

    @Test
    void namesWhatIsMissing() {
        assertThat(account(null, null, null).missing()).startsWith("YC_FOLDER_ID and YC_API_KEY (or YC_IAM_TOKEN)");
        assertThat(account(null, " ", "f").missing()).startsWith("YC_API_KEY (or YC_IAM_TOKEN)");
        assertThat(account("k", null, "").missing()).startsWith("YC_FOLDER_ID");
        assertThat(account("k", null, "").configured()).isFalse();
    }

    @Test
    void writesTheStartWithNumbersAsStringsAndNoSeedForARandomOne() throws Exception {
        JsonNode start = new ObjectMapper().readTree(account("k", null, "b1g").start("Маяк", 42L, 2, null));

        assertThat(start.path("modelUri").asText()).isEqualTo("art://b1g/yandex-art/latest");
        assertThat(start.path("generationOptions").path("seed").isTextual()).isTrue();
        assertThat(start.path("generationOptions").path("seed").asText()).isEqualTo("42");
        assertThat(start.path("generationOptions").path("aspectRatio").path("widthRatio").asText()).isEqualTo("2");
        assertThat(start.path("generationOptions").path("aspectRatio").path("heightRatio").asText()).isEqualTo("1");
        assertThat(start.path("messages").path(0).path("text").asText()).isEqualTo("Маяк");
        assertThat(account("k", null, "b1g").start("Маяк", null, 1, 1)).doesNotContain("seed");
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
