package ru.newsmed.imagegen.api.doc;

import io.swagger.v3.oas.annotations.media.Schema;

/** POST /upload's multipart/form-data body. */
@Schema(name = "UploadForm")
public record UploadForm(
        @Schema(type = "string", format = "binary", requiredMode = Schema.RequiredMode.REQUIRED,
                description = "The JPEG or PNG (judged by its bytes), at most IMAGE_UPLOAD_MAX_BYTES") String file) {
}
