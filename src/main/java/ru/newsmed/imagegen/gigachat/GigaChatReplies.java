package ru.newsmed.imagegen.gigachat;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.errors.ProviderFailedException;
import ru.newsmed.imagegen.errors.RetryableProviderException;
import ru.newsmed.imagegen.provider.ProviderReplies;
import ru.newsmed.imagegen.storage.ImageBytes;

/**
 * Judges the HTTP answer of a GigaChat chat or download call: 429, 5xx and I/O errors are worth a
 * retry (after the provider's {@code Retry-After} when it sends one, up to
 * {@code IMAGE_RETRY_AFTER_MAX}), and so is a download whose 200 is no image; 402, 400, 401, 403,
 * 404, 422 are final.
 */
@Component("imagegenGigachatReplies")
public class GigaChatReplies extends ProviderReplies {

    /** The exchange property naming the call in messages: "chat" or "download". */
    public static final String CALL = "gigachatCall";

    private final ObjectMapper objectMapper;

    public GigaChatReplies(ObjectMapper objectMapper, @Value("${imagegen.retry-after-max}") String retryAfterMax) {
        super(retryAfterMax);
        this.objectMapper = objectMapper;
    }

    @Override
    protected String callName(Exchange exchange) {
        return "GigaChat " + exchange.getProperty(CALL, "call", String.class);
    }

    public void check(Exchange exchange) {
        int status = status(exchange);
        if (status >= 200 && status < 300) {
            requireImageDownloaded(exchange);
            return;
        }
        String detail = callName(exchange) + " answered HTTP " + status + errorMessage(exchange.getMessage().getBody(byte[].class));
        if (status == 429 || status >= 500) {
            throw retryable(exchange, detail);
        }
        if (status == 402) {
            throw new ProviderFailedException(detail + " (the account's tokens are spent; retrying cannot help)");
        }
        if (status == 401) {
            throw new ProviderFailedException(detail + " even with a freshly fetched access token");
        }
        throw new ProviderFailedException(detail);
    }

    /**
     * A download answered 200 with bytes that are no image (a proxy's page, a cut-off body) is
     * retried: the download is a GET of a file already drawn and paid for, so another attempt
     * costs nothing, where giving up would throw the drawing away.
     */
    private void requireImageDownloaded(Exchange exchange) {
        if (!"download".equals(exchange.getProperty(CALL, String.class))) {
            return;
        }
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (ImageBytes.kind(body).isEmpty()) {
            throw new RetryableProviderException(callName(exchange) + " answered HTTP 200 with "
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
