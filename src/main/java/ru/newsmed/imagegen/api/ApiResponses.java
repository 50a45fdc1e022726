package ru.newsmed.imagegen.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Builds the contract's response bodies: the generated image's, and the one error shape. */
@Component("imagegenApiResponses")
public class ApiResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ApiResponses.class);
    static final String GENERATED = "Изображение успешно сгенерировано";
    static final String UPLOADED = "Изображение успешно загружено";

    /** The 200 body of a generation, from the properties the flow has set. */
    public Map<String, Object> generated(Exchange exchange) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("image_url", exchange.getProperty("imageUrl"));
        body.put("model_used", exchange.getProperty("modelUsed"));
        body.put("success", true);
        body.put("message", GENERATED);
        body.put("image_id", exchange.getProperty("imageId"));
        body.put("provider", exchange.getProperty("provider"));
        body.put("fallback_used", exchange.getProperty("fallbackUsed", false, Boolean.class));
        body.put("duration_ms", exchange.getClock().elapsed());
        Object comparison = exchange.getProperty("comparison");
        if (comparison != null) {
            body.put("comparison", comparison);
        }
        return body;
    }

    /** The 200 body of an upload. */
    public Map<String, Object> uploaded(Exchange exchange) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("image_url", exchange.getProperty("imageUrl"));
        body.put("image_id", exchange.getProperty("imageId"));
        body.put("success", true);
        body.put("message", UPLOADED);
        return body;
    }

    /**
     * The error body for the exception the exchange caught; sets the HTTP status header. Anything
     * that is not one of ours is logged with its stack trace and answered without it.
     */
    public Map<String, Object> error(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ApiException error = find(caught);
        String requestId = exchange.getProperty(RequestGuard.REQUEST_ID, String.class);
        if (error == null) {
            LOG.error("Unexpected failure of request {}", requestId, caught);
            error = new ApiException(ErrorCode.INTERNAL_ERROR,
                    "Unexpected error" + (requestId == null ? "" : " (request " + requestId + ")"));
        } else if (error.getErrorCode().status() >= 500) {
            LOG.warn("Request {} failed: {} {}", requestId, error.getErrorCode().code(), error.getMessage());
        } else {
            LOG.info("Request {} answered {}: {}", requestId, error.getErrorCode().code(), error.getMessage());
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, error.getErrorCode().status());
        return errorBody(error.getErrorCode(), error.getMessage(), error.getField());
    }

    /** A result as the watched folder and JMS hand it back: the body plus the request id. */
    public Map<String, Object> withRequestId(Map<String, Object> body, Exchange exchange) {
        Map<String, Object> result = new LinkedHashMap<>(body);
        result.put("request_id", exchange.getProperty(RequestGuard.REQUEST_ID));
        return result;
    }

    public static Map<String, Object> errorBody(ErrorCode code, String message, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", code.code());
        body.put("message", message);
        if (field != null) {
            body.put("field", field);
        }
        return body;
    }

    private static ApiException find(Throwable caught) {
        for (Throwable t = caught; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
