package ru.newsmed.imagegen.api.doc;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** POST /generate's body. */
@Schema(name = "GenerateRequest", description = "What to draw; unknown fields are ignored")
public record GenerateRequestBody(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 1000,
                description = "What to draw, 1..1000 characters after trimming") String prompt,
        @JsonProperty("width_ratio") @Schema(minimum = "1", maximum = "2", defaultValue = "1") Integer widthRatio,
        @JsonProperty("height_ratio") @Schema(minimum = "1", maximum = "2", defaultValue = "1") Integer heightRatio,
        @Schema(description = "0..9223372036854775807, as a number or a string of digits", example = "42") String seed,
        @Schema(allowableValues = {"gigachat", "yandex", "both"},
                description = "Bypasses the routing mode and the rollout for this request") String provider,
        @JsonProperty("style_instructions") @Schema(maxLength = 500,
                description = "Appended to GigaChat's system message") String styleInstructions) {
}
