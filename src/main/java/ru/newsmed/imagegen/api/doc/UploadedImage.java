package ru.newsmed.imagegen.api.doc;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** POST /upload's 200 body. */
@Schema(name = "UploadedImage")
public record UploadedImage(@JsonProperty("image_url") String imageUrl, @JsonProperty("image_id") String imageId,
                            boolean success, @Schema(example = "Изображение успешно загружено") String message) {
}
