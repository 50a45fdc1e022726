package ru.newsmed.imagegen.logging;

/**
 * Makes any text safe for one log line: CR and LF become {@code \r} and {@code \n}, every other
 * control character (C0 but tab, DEL, C1) and the characters that move text about or break a line
 * in a viewer (bidirectional formats, U+2028, U+2029) become {@code \}{@code uXXXX}. A value from a
 * request can then neither forge a line nor send a terminal an escape sequence.
 */
public final class LogText {

    private LogText() {
    }

    public static String escape(String text) {
        if (text == null || text.chars().noneMatch(LogText::escaped)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                out.append("\\r");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (escaped(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean escaped(int c) {
        return (c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F)
                || c == 0x061C || c == 0x200E || c == 0x200F || c == 0x2028 || c == 0x2029
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }
}
