package ru.newsmed.imagegen.web;

import java.io.IOException;
import java.io.Writer;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.coyote.http11.Http11InputBuffer;
import org.apache.tomcat.util.res.StringManager;
import ru.newsmed.imagegen.errors.ErrorCode;
import ru.newsmed.imagegen.errors.ErrorResponses;

/**
 * Tomcat's own error answers (a request line or path it cannot take, a URL or headers over its
 * limits) in the contract's JSON error shape instead of its HTML page. Tomcat answers 400 to all of
 * them; the contract's status is told from its failure: a request line that did not fit the header
 * buffer is 414 uri_too_long, headers that did not fit, or too many headers, 431 headers_too_large,
 * a body read that timed out 408 request_timeout.
 * Installed as the host's error report valve ({@link ContractErrorPages}); never a stack trace.
 */
public class ContractErrorValve extends ErrorReportValve {

    /** Tomcat's (localised) message for a request head over maxHttpRequestHeaderSize. */
    private static final String HEAD_TOO_LARGE =
            StringManager.getManager(Http11InputBuffer.class).getString("iib.requestheadertoolarge.error");

    private final ObjectMapper json = new ObjectMapper();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        ErrorCode code = status == 400 ? badRequest(request, throwable) : ErrorCode.forStatus(status);
        try {
            response.setStatus(code.status());
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json.writeValueAsString(ErrorResponses.body(code, message(code), null)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone, or the answer was begun already: nothing more to say.
        }
    }

    private static ErrorCode badRequest(Request request, Throwable throwable) {
        for (Throwable t = throwable; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return ErrorCode.REQUEST_TIMEOUT; // a body read waited past IMAGE_BODY_READ_TIMEOUT
            }
        }
        if (throwable instanceof IllegalStateException) {
            return ErrorCode.HEADERS_TOO_LARGE; // MimeHeaders: more than maxHeaderCount headers
        }
        if (throwable instanceof IllegalArgumentException && HEAD_TOO_LARGE.equals(throwable.getMessage())) {
            boolean requestLineRead = !request.getCoyoteRequest().requestURI().isNull();
            return requestLineRead ? ErrorCode.HEADERS_TOO_LARGE : ErrorCode.URI_TOO_LONG;
        }
        return ErrorCode.INVALID_REQUEST;
    }

    private static String message(ErrorCode code) {
        return switch (code) {
            case INVALID_REQUEST -> "The request line or its path is malformed";
            case NOT_FOUND -> "No such resource";
            case METHOD_NOT_ALLOWED -> "The method is not allowed here";
            case REQUEST_TIMEOUT -> "The request was not received in time";
            case URI_TOO_LONG -> "The URL is longer than the server takes";
            case HEADERS_TOO_LARGE -> "The request headers are too large or too many";
            case TOO_LARGE -> "The request is too large";
            default -> code.status() >= 500 ? "Unexpected error" : "The request could not be handled";
        };
    }
}
