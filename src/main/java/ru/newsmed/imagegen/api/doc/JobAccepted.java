package ru.newsmed.imagegen.api.doc;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** POST /jobs's 202 body. */
@Schema(name = "JobAccepted")
public record JobAccepted(@JsonProperty("job_id") String jobId,
                          @Schema(allowableValues = {"queued", "running", "succeeded", "failed"}) String status,
                          @JsonProperty("status_url") @Schema(description = "GET it for the job's status; also the Location header") String statusUrl) {
}
