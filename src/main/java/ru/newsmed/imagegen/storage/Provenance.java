package ru.newsmed.imagegen.storage;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.api.GenerateRequest;
import ru.newsmed.imagegen.api.RequestGuard;
import ru.newsmed.imagegen.prompt.PreparedPrompt;

/**
 * The record stored beside each image ({@code <uuid>.json}): which AI drew it, from which words,
 * for which request and when. A medical publisher must be able to answer for every image.
 */
@Component("imagegenProvenance")
public class Provenance {

    /**
     * The record of {@code drawing}, stored at {@code place}; {@code request} and {@code prompt} are
     * null for an upload.
     */
    public Map<String, Object> record(Drawing drawing, StoredImage place, GenerateRequest request, PreparedPrompt prompt,
                                      @ExchangeProperty(RequestGuard.REQUEST_ID) String requestId) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("image_id", place.id());
        record.put("image_name", place.name());
        record.put("provider", drawing.provider());
        record.put("model_used", drawing.modelUsed());
        record.put("prompt_given", prompt == null ? null : prompt.given());
        record.put("prompt_sanitized", prompt == null ? null : prompt.sanitized());
        record.put("prompt_sent", drawing.promptSent());
        record.put("style_instructions", request == null ? null : request.styleInstructions());
        record.put("seed", request == null || request.seed() == null ? null : String.valueOf(request.seed()));
        record.put("width_ratio", request == null ? null : request.widthRatio());
        record.put("height_ratio", request == null ? null : request.heightRatio());
        record.put("upload_name", drawing.uploadName());
        record.put("request_id", requestId);
        record.put("created_at", Instant.now().toString());
        return record;
    }
}
