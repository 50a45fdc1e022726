package ru.newsmed.imagegen.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Builds the contract's success bodies: the generated image's and the upload's, and a result as
 * the watched folder and JMS hand it back. The error shape is ErrorResponses'.
 */
@Component("imagegenApiResponses")
public class ApiResponses {

    static final String GENERATED = "Изображение успешно сгенерировано";
    static final String UPLOADED = "Изображение успешно загружено";

    /** The 200 body of a generation, from the properties the flow has set. */
    public Map<String, Object> generated(Exchange exchange) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("image_url", exchange.getProperty("imageUrl"));
        body.put("model_used", exchange.getProperty("modelUsed"));
        body.put("success", true);
        body.put("message", GENERATED);
        body.put("image_id", exchange.getProperty("imageId"));
        body.put("provider", exchange.getProperty("provider"));
        body.put("fallback_used", exchange.getProperty("fallbackUsed", false, Boolean.class));
        body.put("duration_ms", exchange.getClock().elapsed());
        Object comparison = exchange.getProperty("comparison");
        if (comparison != null) {
            body.put("comparison", comparison);
        }
        return body;
    }

    /** The 200 body of an upload. */
    public Map<String, Object> uploaded(Exchange exchange) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("image_url", exchange.getProperty("imageUrl"));
        body.put("image_id", exchange.getProperty("imageId"));
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
