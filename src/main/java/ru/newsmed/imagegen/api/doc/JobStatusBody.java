package ru.newsmed.imagegen.api.doc;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** GET /jobs/{job_id}'s 200 body, and what the callback is sent. */
@Schema(name = "JobStatus")
public record JobStatusBody(@JsonProperty("job_id") String jobId,
                            @Schema(allowableValues = {"queued", "running", "succeeded", "failed"}) String status,
                            @JsonProperty("created_at") String createdAt, @JsonProperty("updated_at") String updatedAt,
                            @Schema(description = "The /generate 200 body, once succeeded") GeneratedImage result,
                            @Schema(description = "The error body with its HTTP-equivalent status, once failed") ErrorBody error) {
}
