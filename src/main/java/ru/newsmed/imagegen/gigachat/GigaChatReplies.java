package ru.newsmed.imagegen.gigachat;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.errors.ProviderFailedException;
import ru.newsmed.imagegen.errors.RetryableProviderException;
import ru.newsmed.imagegen.provider.ProviderReplies;
import ru.newsmed.imagegen.provider.RetryWithFreshCredentials;
import ru.newsmed.imagegen.storage.ImageBytes;

/**
 * Judges the HTTP answer of a GigaChat chat or download call: 429, 5xx and I/O errors are worth a
 * retry (after the provider's {@code Retry-After} when it sends one, up to the cap), and so is a
 * download whose 200 is no image; a 401 is worth one more attempt with a fresh token; 402, 400,
 * 403, 404, 422 are final. Reads the usage of a chat.
 */
@Component("imagegenGigachatReplies")
public class GigaChatReplies extends ProviderReplies {

    static final String DOWNLOAD = "GigaChat download";

    private final ObjectMapper objectMapper;

    public GigaChatReplies(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    /**
     * Judges the answer of {@code call} ("GigaChat chat" or "GigaChat download"): its body, read
     * once (camel-http may hand it over as a stream), when it is one to go on with.
     */
    public byte[] check(Exchange exchange, String call, String retryAfterMax) {
        int status = status(exchange);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (status >= 200 && status < 300) {
            if (DOWNLOAD.equals(call)) {
                requireImageDownloaded(body);
            }
            return body;
        }
        String detail = call + " answered HTTP " + status + errorMessage(body);
        if (status == 429 || status >= 500) {
            throw retryable(exchange, detail, retryAfterMax);
        }
        if (status == 402) {
            throw new ProviderFailedException(detail + " (the account's tokens are spent; retrying cannot help)");
        }
        if (status == 401) {
            // the route dropped the token: the next attempt fetches a fresh one, at once and once only
            exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, 0L);
            throw new RetryWithFreshCredentials(detail);
        }
        throw new ProviderFailedException(detail);
    }

    /** The chat reply's {@code usage.total_tokens} (what the drawing was billed), null when it has none. */
    public Long usageTokens(byte[] reply) {
        try {
            JsonNode total = objectMapper.readTree(reply).path("usage").path("total_tokens");
            return total.canConvertToLong() ? total.asLong() : null;
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    /**
     * A download answered 200 with bytes that are no image (a proxy's page, a cut-off body) is
     * retried: the download is a GET of a file already drawn and paid for, so another attempt
     * costs nothing, where giving up would throw the drawing away.
     */
    private static void requireImageDownloaded(byte[] body) {
        if (ImageBytes.kind(body).isEmpty()) {
            throw new RetryableProviderException(DOWNLOAD + " answered HTTP 200 with "
                    + (body == null ? 0 : body.length) + " bytes that are not a JPEG or PNG image");
        }
    }

    private String errorMessage(byte[] body) {
        try {
            String message = objectMapper.readTree(body).path("message").asText("");
            if (!message.isEmpty()) {
                return ": " + message;
            }
        } catch (IOException | RuntimeException notJson) {
            // quote the start of the body instead
        }
        String text = quote(body);
        return text.isEmpty() ? "" : ": " + text;
    }
}
