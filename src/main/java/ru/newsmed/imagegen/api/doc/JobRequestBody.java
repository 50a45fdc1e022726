package ru.newsmed.imagegen.api.doc;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** POST /jobs's body: a generate request and, optionally, where to report its end. */
@Schema(name = "JobRequest", allOf = GenerateRequestBody.class,
        description = "What to draw (as for /generate) and, optionally, where to POST the job's end")
public record JobRequestBody(
        @JsonProperty("callback_url") @Schema(description = "http(s) URL on a host of IMAGE_CALLBACK_ALLOWED_HOSTS; the job's"
                + " status body is POSTed there when it ends, signed in X-ImageGen-Signature") String callbackUrl) {
}
