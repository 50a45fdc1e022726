package ru.newsmed.imagegen.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PromptSanitizerTest {

    private final PromptSanitizer sanitizer = new PromptSanitizer(
            List.of("мультяшн*", "иллюстраци*", "3D", "cartoon*", "anime", "pixel art"), "фотореалистично, естественный свет");

    @Test
    void removesStopWordsInAnyFormAndCase() {
        PreparedPrompt prompt = sanitizer.prepare("Мультяшная иллюстрация: врач и пациент, 3D, CARTOONISH");

        assertThat(prompt.sanitized()).isEqualTo("врач и пациент");
    }

    @Test
    void keepsWordsThatOnlyContainAStopWord() {
        assertThat(sanitizer.prepare("Анимешник и 3Dmax, animeX").sanitized()).isEqualTo("Анимешник и 3Dmax, animeX");
    }

    @Test
    void removesPhrases() {
        assertThat(sanitizer.prepare("Больница в стиле pixel art").sanitized()).isEqualTo("Больница в стиле");
    }

    @Test
    void appendsTheEnrichment() {
        assertThat(sanitizer.prepare("Хирург за работой.").text()).isEqualTo("Хирург за работой. фотореалистично, естественный свет");
    }

    @Test
    void keepsAPromptMadeOnlyOfStopWords() {
        PreparedPrompt prompt = sanitizer.prepare("  anime, 3D  ");

        assertThat(prompt.given()).isEqualTo("anime, 3D");
        assertThat(prompt.sanitized()).isEqualTo("anime, 3D");
    }

    @Test
    void worksWithoutStopWordsOrEnrichment() {
        PromptSanitizer plain = new PromptSanitizer(List.of(), "");

        assertThat(plain.prepare(" Маяк ").text()).isEqualTo("Маяк");
    }
}
