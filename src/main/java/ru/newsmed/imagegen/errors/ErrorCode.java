package ru.newsmed.imagegen.errors;

/** The contract's error codes with their HTTP statuses. */
public enum ErrorCode {
    INVALID_REQUEST(400, "invalid_request"),
    UNAUTHORIZED(401, "unauthorized"),
    NOT_FOUND(404, "not_found"),
    METHOD_NOT_ALLOWED(405, "method_not_allowed"),
    REQUEST_TIMEOUT(408, "request_timeout"),
    REQUEST_IN_PROGRESS(409, "request_in_progress"),
    TOO_LARGE(413, "too_large"),
    URI_TOO_LONG(414, "uri_too_long"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type"),
    CONTENT_REFUSED(422, "content_refused"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency_key_reused"),
    HEADERS_TOO_LARGE(431, "headers_too_large"),
    INTERNAL_ERROR(500, "internal_error"),
    PROVIDER_FAILED(502, "provider_failed"),
    STORAGE_FAILED(502, "storage_failed"),
    PROVIDER_UNAVAILABLE(503, "provider_unavailable"),
    TIMEOUT(504, "timeout");

    private final int status;
    private final String code;

    ErrorCode(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ErrorCode forStatus(int status) {
        for (ErrorCode candidate : values()) {
            if (candidate.status == status) {
                return candidate;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
    }
}
