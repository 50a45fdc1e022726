package ru.newsmed.imagegen.api;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import ru.newsmed.imagegen.errors.InvalidRequestException;
import ru.newsmed.imagegen.prompt.PromptCharacters;

/**
 * The checks of each field of a generate request, as the contract says: a string where an integer
 * belongs (or a fraction) is a 400 naming the field; an absent or null field takes its default.
 * The prompt and style_instructions lose their control and bidirectional format characters before
 * their lengths are checked ({@link PromptCharacters}).
 */
final class GenerateRequestFields {

    static final int MAX_PROMPT = 1000;
    static final int MAX_STYLE = 500;
    private static final Set<String> PROVIDERS = Set.of("gigachat", "yandex", "both");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,19}");
    private static final BigInteger MAX_SEED = BigInteger.valueOf(Long.MAX_VALUE);

    private GenerateRequestFields() {
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull();
    }

    static String prompt(JsonNode node) {
        if (absent(node)) {
            throw new InvalidRequestException("prompt", "prompt is required");
        }
        if (!node.isTextual()) {
            throw new InvalidRequestException("prompt", "prompt must be a string");
        }
        String prompt = PromptCharacters.clean(node.textValue()).strip();
        if (prompt.isEmpty()) {
            throw new InvalidRequestException("prompt", "prompt must not be blank");
        }
        if (prompt.codePointCount(0, prompt.length()) > MAX_PROMPT) {
            throw new InvalidRequestException("prompt", "prompt must be at most " + MAX_PROMPT + " characters");
        }
        return prompt;
    }

    static int ratio(JsonNode node, String field) {
        if (absent(node)) {
            return 1;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1 || node.intValue() > 2) {
            throw new InvalidRequestException(field, field + " must be the integer 1 or 2");
        }
        return node.intValue();
    }

    static Long seed(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        BigInteger value;
        if (node.isIntegralNumber()) {
            value = node.bigIntegerValue();
        } else if (node.isTextual() && DIGITS.matcher(node.textValue()).matches()) {
            value = new BigInteger(node.textValue());
        } else {
            throw new InvalidRequestException("seed",
                    "seed must be an integer from 0 to 9223372036854775807, or a string of its digits");
        }
        if (value.signum() < 0 || value.compareTo(MAX_SEED) > 0) {
            throw new InvalidRequestException("seed", "seed must be from 0 to 9223372036854775807");
        }
        return value.longValue();
    }

    static String provider(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        String provider = node.isTextual() ? node.textValue().strip().toLowerCase(Locale.ROOT) : null;
        if (provider == null || !PROVIDERS.contains(provider)) {
            throw new InvalidRequestException("provider", "provider must be one of gigachat, yandex, both");
        }
        return provider;
    }

    static String style(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidRequestException("style_instructions", "style_instructions must be a string");
        }
        String style = PromptCharacters.clean(node.textValue()).strip();
        if (style.codePointCount(0, style.length()) > MAX_STYLE) {
            throw new InvalidRequestException("style_instructions",
                    "style_instructions must be at most " + MAX_STYLE + " characters");
        }
        return style.isEmpty() ? null : style;
    }
}
