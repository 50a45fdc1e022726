package ru.newsmed.imagegen.api.doc;

import io.swagger.v3.oas.annotations.media.Schema;

/** Every error's body. */
@Schema(name = "Error")
public record ErrorBody(
        @Schema(example = "false") boolean success,
        @Schema(allowableValues = {"invalid_request", "unauthorized", "not_found", "method_not_allowed",
                "request_timeout", "request_in_progress", "too_large", "uri_too_long", "unsupported_media_type", "content_refused", "idempotency_key_reused",
                "headers_too_large", "internal_error", "provider_failed", "storage_failed", "provider_unavailable",
                "timeout"}) String error,
        @Schema(description = "Human readable; names each provider's outcome when no image came back") String message,
        @Schema(description = "The field at fault, for invalid_request") String field) {
}
