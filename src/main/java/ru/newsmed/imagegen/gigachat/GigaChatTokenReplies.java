package ru.newsmed.imagegen.gigachat;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ru.newsmed.imagegen.errors.ProviderFailedException;
import ru.newsmed.imagegen.errors.RetryableProviderException;

/**
 * Reads GigaChat's OAuth answer: {@code {"access_token", "expires_at"}} with {@code expires_at} in
 * epoch milliseconds (seconds accepted too), or an error {@code {"code", "message"}} explained:
 * 429 and 5xx are worth another attempt; a key or scope GigaChat rejects is named as such.
 */
final class GigaChatTokenReplies {

    /** An {@code expires_at} under this is in seconds, not milliseconds. */
    private static final long SECONDS_LIMIT = 100_000_000_000L;

    private final ObjectMapper objectMapper = new ObjectMapper();

    GigaChatTokenCache.Token token(int status, byte[] body, String scope) {
        GigaChatTokenCache.Token token = status == 200 ? parse(body) : null;
        if (token == null) {
            throw error(status, body, scope);
        }
        return token;
    }

    private GigaChatTokenCache.Token parse(byte[] body) {
        try {
            JsonNode json = objectMapper.readTree(body);
            String value = json.path("access_token").asText("");
            JsonNode expires = json.path("expires_at");
            if (value.isEmpty() || !expires.canConvertToLong()) {
                return null;
            }
            long at = expires.asLong();
            return new GigaChatTokenCache.Token(value, at < SECONDS_LIMIT ? Instant.ofEpochSecond(at) : Instant.ofEpochMilli(at));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private RuntimeException error(int status, byte[] body, String scope) {
        String message = "";
        Integer code = null;
        try {
            JsonNode json = objectMapper.readTree(body);
            message = json.path("message").asText("");
            code = json.path("code").canConvertToInt() ? json.path("code").asInt() : null;
        } catch (IOException | RuntimeException notJson) {
            // keep the status alone
        }
        String detail = (code == null ? "" : " (code " + code + ")") + (message.isEmpty() ? "" : ": " + message);
        if (status == 200) {
            return new ProviderFailedException("GigaChat OAuth answered without a usable access_token and expires_at");
        }
        if (status == 429 || status >= 500) {
            return new RetryableProviderException("GigaChat OAuth answered HTTP " + status + detail);
        }
        if (status == 401 || Integer.valueOf(6).equals(code)) {
            return new ProviderFailedException("GigaChat rejected the authorization key" + detail
                    + "; check GIGACHAT_AUTH_KEY");
        }
        if (Integer.valueOf(7).equals(code)) {
            return new ProviderFailedException("GigaChat rejected the scope " + scope + " for this key"
                    + detail + "; check GIGACHAT_SCOPE");
        }
        return new ProviderFailedException("GigaChat OAuth answered HTTP " + status + detail);
    }
}
