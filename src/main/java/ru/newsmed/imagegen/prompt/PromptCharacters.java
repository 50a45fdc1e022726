package ru.newsmed.imagegen.prompt;

/**
 * Removes from a client's text (prompt, style_instructions) what a provider must never see: every
 * control character (Unicode Cc: NUL, ESC, DEL, the C1 range) but tab, CR and LF, and the
 * bidirectional format characters (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069), which
 * can make the text read otherwise than it is.
 */
public final class PromptCharacters {

    private PromptCharacters() {
    }

    public static String clean(String text) {
        if (text == null || text.chars().noneMatch(PromptCharacters::removed)) {
            return text;
        }
        StringBuilder kept = new StringBuilder(text.length());
        text.chars().filter(c -> !removed(c)).forEach(c -> kept.append((char) c));
        return kept.toString();
    }

    private static boolean removed(int c) {
        if (c == '\t' || c == '\r' || c == '\n') {
            return false;
        }
        return Character.getType(c) == Character.CONTROL
                || c == '\u061C' || c == '\u200E' || c == '\u200F'
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
