package ru.newsmed.imagegen.api;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * An upload beyond the servlet layer's own multipart limits (set well above
 * {@code IMAGE_UPLOAD_MAX_BYTES}) never reaches the upload route: it still gets the contract's 413
 * body, where Spring would answer with an empty one.
 */
@RestControllerAdvice
public class ServletLimits {

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    public ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException e) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                .contentType(MediaType.APPLICATION_JSON)
                .body(ApiResponses.errorBody(ErrorCode.TOO_LARGE, "The upload is too large", null));
    }
}
