package ru.newsmed.imagegen.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.errors.ApiException;
import ru.newsmed.imagegen.errors.ErrorCode;

/**
 * The checks every API request passes before its flow runs: API key, request id, JSON body. The
 * request id also goes into the logging context (MDC key {@code requestId}), so every log line of
 * the request carries it.
 */
@Component("imagegenRequestGuard")
public class RequestGuard {

    public static final String REQUEST_ID = "requestId";
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final byte[] apiKey;
    private final int maxBodyBytes;

    public RequestGuard(@Value("${imagegen.api-key:}") String apiKey,
                        @Value("${imagegen.max-request-bytes}") int maxBodyBytes) {
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.getBytes(StandardCharsets.UTF_8);
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Enforces {@code IMAGE_API_KEY} when it is set (compared in constant time). */
    public void requireApiKey(Exchange exchange) {
        if (apiKey == null) {
            return;
        }
        String given = exchange.getMessage().getHeader("X-API-Key", String.class);
        if (given == null || !MessageDigest.isEqual(apiKey, given.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "A valid X-API-Key header is required");
        }
    }

    /**
     * Keeps the request id already assigned, else the caller's X-Request-ID when it is a plain
     * token, else makes one.
     */
    public void assignRequestId(Exchange exchange) {
        String id = exchange.getProperty(REQUEST_ID, String.class);
        if (id == null) {
            String given = exchange.getMessage().getHeader("X-Request-ID", String.class);
            id = given != null && SAFE_REQUEST_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
            exchange.setProperty(REQUEST_ID, id);
        }
        MDC.put(REQUEST_ID, id);
    }

    /** Returns the body of a JSON request, refusing other media types and bodies over the limit. */
    public byte[] jsonBody(Exchange exchange) {
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).strip().startsWith("application/json")) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json");
        }
        Long declared = exchange.getMessage().getHeader(Exchange.CONTENT_LENGTH, Long.class);
        if (declared != null && declared > maxBodyBytes) {
            throw tooLarge();
        }
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (body != null && body.length > maxBodyBytes) {
            throw tooLarge();
        }
        return body;
    }

    private ApiException tooLarge() {
        return new ApiException(ErrorCode.TOO_LARGE, "The request body is larger than " + maxBodyBytes + " bytes");
    }
}
