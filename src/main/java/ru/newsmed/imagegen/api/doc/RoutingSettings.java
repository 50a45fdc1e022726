package ru.newsmed.imagegen.api.doc;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** POST /admin/routing's body (any subset) and answer (all three). */
@Schema(name = "Routing")
public record RoutingSettings(
        @Schema(allowableValues = {"gigachat", "yandex", "both"}) String mode,
        @JsonProperty("rollout_percent") @Schema(minimum = "0", maximum = "100") Integer rolloutPercent,
        @JsonProperty("fallback_enabled") Boolean fallbackEnabled) {
}
