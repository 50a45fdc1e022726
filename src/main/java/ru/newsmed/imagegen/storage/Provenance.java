package ru.newsmed.imagegen.storage;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import ru.newsmed.imagegen.api.GenerateRequest;
import ru.newsmed.imagegen.api.RequestGuard;
import ru.newsmed.imagegen.prompt.PreparedPrompt;
import org.springframework.stereotype.Component;

/**
 * The record stored beside each image ({@code <uuid>.json}): which AI drew it, from which words,
 * for which request and when. A medical publisher must be able to answer for every image.
 */
@Component("imagegenProvenance")
public class Provenance {

    public Map<String, Object> record(Exchange exchange) {
        GenerateRequest request = exchange.getProperty("generateRequest", GenerateRequest.class);
        PreparedPrompt prompt = exchange.getProperty("preparedPrompt", PreparedPrompt.class);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("image_id", exchange.getProperty("imageId"));
        record.put("image_name", exchange.getProperty("imageName"));
        record.put("provider", exchange.getProperty("provider"));
        record.put("model_used", exchange.getProperty("modelUsed"));
        record.put("prompt_given", prompt == null ? null : prompt.given());
        record.put("prompt_sanitized", prompt == null ? null : prompt.sanitized());
        record.put("prompt_sent", exchange.getProperty("promptSent"));
        record.put("style_instructions", request == null ? null : request.styleInstructions());
        record.put("seed", request == null || request.seed() == null ? null : String.valueOf(request.seed()));
        record.put("width_ratio", request == null ? null : request.widthRatio());
        record.put("height_ratio", request == null ? null : request.heightRatio());
        record.put("upload_name", exchange.getProperty("uploadName"));
        record.put("request_id", exchange.getProperty(RequestGuard.REQUEST_ID));
        record.put("created_at", Instant.now().toString());
        return record;
    }
}
