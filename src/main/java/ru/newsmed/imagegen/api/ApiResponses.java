package ru.newsmed.imagegen.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.storage.StoredImage;

/**
 * Builds the contract's success bodies: the generated image's and the upload's, and a result as
 * the watched folder and JMS hand it back. The error shape is ErrorResponses'.
 */
@Component("imagegenApiResponses")
public class ApiResponses {

    static final String GENERATED = "Изображение успешно сгенерировано";
    static final String UPLOADED = "Изображение успешно загружено";

    /** The 200 body of a generation, in the time the request has taken so far. */
    public Map<String, Object> generated(GenerationResult result, Exchange exchange) {
        StoredImage image = result.image();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("image_url", image.url());
        body.put("model_used", image.modelUsed());
        body.put("success", true);
        body.put("message", GENERATED);
        body.put("image_id", image.id());
        body.put("provider", image.provider());
        body.put("fallback_used", result.fallbackUsed());
        body.put("duration_ms", exchange.getClock().elapsed());
        if (result.comparison() != null) {
            body.put("comparison", result.comparison());
        }
        return body;
    }

    /** The 200 body of an upload. */
    public Map<String, Object> uploaded(StoredImage image) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("image_url", image.url());
        body.put("image_id", image.id());
        body.put("success", true);
        body.put("message", UPLOADED);
        return body;
    }

    /** A result as the watched folder and JMS hand it back: the body plus the request id. */
    public Map<String, Object> withRequestId(Map<String, Object> body, Exchange exchange) {
        Map<String, Object> result = new LinkedHashMap<>(body);
        result.put("request_id", exchange.getProperty(RequestGuard.REQUEST_ID));
        return result;
    }
}
