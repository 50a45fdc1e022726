package ru.newsmed.imagegen.emulator;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Marker words that make the emulated providers answer a prompt with an error instead of a
 * picture, whole words in any case: {@code REFUSE} (the provider refuses the topic) and
 * {@code BUSY} (the provider's quota is exceeded: 429). When both occur, REFUSE wins.
 */
enum PromptMarker {

    REFUSE,
    BUSY;

    private final Pattern word = Pattern.compile("(?iu)(?<![\\p{L}\\p{N}_])" + name() + "(?![\\p{L}\\p{N}_])");

    /** The first marker the text holds, if any. */
    static Optional<PromptMarker> findIn(String text) {
        for (PromptMarker marker : values()) {
            if (text != null && marker.word.matcher(text).find()) {
                return Optional.of(marker);
            }
        }
        return Optional.empty();
    }
}
