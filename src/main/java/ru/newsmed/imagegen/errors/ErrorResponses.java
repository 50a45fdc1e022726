package ru.newsmed.imagegen.errors;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.api.RequestGuard;

/**
 * The contract's one error shape, and what each failure a route caught becomes in it: one of our
 * {@link ApiException}s answers its own code; a generation the threads would not take (they are
 * shutting down) is provider_unavailable; anything else is logged with its stack trace and answered
 * internal_error without it. Each outcome is logged once, here.
 */
@Component("imagegenErrorResponses")
public class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    /** The error body for the exception the exchange caught; sets the HTTP status header. */
    public Map<String, Object> error(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ApiException error = find(caught);
        String requestId = exchange.getProperty(RequestGuard.REQUEST_ID, String.class);
        if (error == null && caught instanceof RejectedExecutionException) {
            error = new ApiException(ErrorCode.PROVIDER_UNAVAILABLE, "The service is shutting down or full; try again later");
        }
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
        return body(error.getErrorCode(), error.getMessage(), error.getField());
    }

    /** The error body: {@code success: false}, the code, the message and the field at fault (when there is one). */
    public static Map<String, Object> body(ErrorCode code, String message, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", code.code());
        body.put("message", message);
        if (field != null) {
            body.put("field", field);
        }
        return body;
    }

    /** The ApiException the failure is or was caused by; null for anything else. */
    public static ApiException find(Throwable caught) {
        for (Throwable t = caught; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
        }
        return null;
    }
}
