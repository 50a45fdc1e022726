package ru.newsmed.imagegen.api.doc;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** POST /generate's 200 body. */
@Schema(name = "GeneratedImage")
public record GeneratedImage(
        @JsonProperty("image_url") @Schema(example = "http://localhost:8080/images/7f0c2a9e-1d3b-4c5e-9f10-2b3c4d5e6f70.jpeg") String imageUrl,
        @JsonProperty("model_used") @Schema(example = "gigachat-kandinsky-3.1-GigaChat-2",
                description = "gigachat-kandinsky-3.1-<GIGACHAT_MODEL> or yandex-art") String modelUsed,
        boolean success,
        @Schema(example = "Изображение успешно сгенерировано") String message,
        @JsonProperty("image_id") String imageId,
        @Schema(allowableValues = {"gigachat", "yandex"}, description = "The provider whose image is the answer") String provider,
        @JsonProperty("fallback_used") boolean fallbackUsed,
        @JsonProperty("duration_ms") long durationMs,
        @Schema(description = "Both mode only: per provider {image_url, model_used, duration_ms} or {error, message, duration_ms}")
        Map<String, Object> comparison) {
}
