package ru.newsmed.imagegen.api.doc;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** GET /status's body. */
@Schema(name = "Status")
public record ServiceStatusBody(
        @Schema(allowableValues = {"gigachat", "yandex", "both"}) String mode,
        @JsonProperty("rollout_percent") int rolloutPercent,
        @JsonProperty("fallback_enabled") boolean fallbackEnabled,
        @Schema(description = "gigachat and yandex: {configured, circuit, in_flight, queued, successes, refusals, failures,"
                + " fallbacks_from}, and token_expires_at for gigachat") Map<String, Object> providers,
        Map<String, Object> storage) {
}
