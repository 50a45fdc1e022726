package ru.newsmed.imagegen.web;

import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import ru.newsmed.imagegen.errors.ErrorCode;
import ru.newsmed.imagegen.errors.ErrorResponses;

/**
 * Multipart failures of the servlet layer, in the contract's shape. An upload beyond its own
 * limits (set well above {@code IMAGE_UPLOAD_MAX_BYTES}) never reaches the upload route: it still
 * gets the contract's 413 body, where Spring would answer with an empty one; a multipart body that
 * cannot be parsed gets a 400 or 415 rather than a 500. A request the threads refuse to take
 * (while they shut down) is 503 with Retry-After, never a 500.
 */
@RestControllerAdvice
public class ServletLimits {

    private static final Logger LOG = LoggerFactory.getLogger(ServletLimits.class);

    @ExceptionHandler(RejectedExecutionException.class)
    public ResponseEntity<Map<String, Object>> noThread(RejectedExecutionException e, HttpServletRequest request) {
        LOG.warn("Refused {} {}: no thread would take it ({})", request.getMethod(), request.getRequestURI(), e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "1")
                .contentType(MediaType.APPLICATION_JSON)
                .body(ErrorResponses.body(ErrorCode.PROVIDER_UNAVAILABLE, "The service cannot take more requests now; try again", null));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    public ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException e) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                .contentType(MediaType.APPLICATION_JSON)
                .body(ErrorResponses.body(ErrorCode.TOO_LARGE, "The upload is too large", null));
    }

    /** A multipart body the servlet layer cannot parse (no boundary): 400 naming file on /upload, 415 elsewhere. */
    @ExceptionHandler(MultipartException.class)
    public ResponseEntity<Map<String, Object>> unreadable(MultipartException e, HttpServletRequest request) {
        boolean upload = request.getRequestURI().endsWith("/upload");
        ErrorCode code = upload ? ErrorCode.INVALID_REQUEST : ErrorCode.UNSUPPORTED_MEDIA_TYPE;
        return ResponseEntity.status(code.status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(ErrorResponses.body(code, "The multipart body cannot be read", upload ? "file" : null));
    }
}
