package ru.newsmed.imagegen.api.doc;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** GET /health's body. */
@Schema(name = "Health")
public record ServiceHealthBody(
        @Schema(allowableValues = {"UP", "DEGRADED", "DOWN"}) String status,
        @Schema(description = "gigachat and yandex: {configured, status: UP | DOWN | NOT_CONFIGURED}") Map<String, Object> providers,
        @Schema(description = "{type: file | s3, status: UP | DOWN}") Map<String, Object> storage) {
}
