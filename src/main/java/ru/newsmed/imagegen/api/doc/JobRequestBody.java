package ru.newsmed.imagegen.api.doc;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** POST /jobs's body: a generate request and where to report its end. */
@Schema(name = "JobRequest", description = "What to draw (as for /generate) and, optionally, where to POST the job's end")
public record JobRequestBody(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 1000,
                description = "What to draw, 1..1000 characters after trimming") String prompt,
        @JsonProperty("width_ratio") @Schema(minimum = "1", maximum = "2", defaultValue = "1") Integer widthRatio,
        @JsonProperty("height_ratio") @Schema(minimum = "1", maximum = "2", defaultValue = "1") Integer heightRatio,
        @Schema(description = "0..9223372036854775807, as a number or a string of digits", example = "42") String seed,
        @Schema(allowableValues = {"gigachat", "yandex", "both"},
                description = "Bypasses the routing mode and the rollout for this request") String provider,
        @JsonProperty("style_instructions") @Schema(maxLength = 500,
                description = "Appended to GigaChat's system message") String styleInstructions,
        @JsonProperty("callback_url") @Schema(description = "http(s) URL on a host of IMAGE_CALLBACK_ALLOWED_HOSTS; the job's"
                + " status body is POSTed there when it ends, signed in X-ImageGen-Signature") String callbackUrl) {
}
