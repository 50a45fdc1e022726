package ru.newsmed.imagegen.web;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import ru.newsmed.imagegen.errors.ErrorCode;
import ru.newsmed.imagegen.errors.ErrorResponses;

/**
 * Answers what never reaches a route (an unknown path, a wrong method, a servlet-level limit) in
 * the contract's error shape instead of Spring's Whitelabel page, and never with a stack trace.
 */
@RestController
public class ServletErrors implements ErrorController {

    /** Also answers {@code /error} requested directly (no error to report): 404, as any unknown path. */
    @RequestMapping(value = "/error", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = status instanceof Integer i ? i : ErrorCode.NOT_FOUND.status();
        ErrorCode errorCode = ErrorCode.forStatus(code);
        String message = switch (errorCode) {
            case NOT_FOUND -> "No such resource";
            case METHOD_NOT_ALLOWED -> "Method " + request.getMethod() + " is not allowed here";
            case UNSUPPORTED_MEDIA_TYPE -> "Unsupported Content-Type";
            case TOO_LARGE -> "The request is too large";
            case REQUEST_TIMEOUT -> "The request was not received in time";
            case INTERNAL_ERROR -> "Unexpected error";
            default -> "The request could not be handled";
        };
        return ResponseEntity.status(errorCode.status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(ErrorResponses.body(errorCode, message, null));
    }
}
