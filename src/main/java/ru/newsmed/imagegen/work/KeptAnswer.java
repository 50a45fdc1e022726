package ru.newsmed.imagegen.work;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The answer an Idempotency-Key keeps and gives again: a 200, or a 422 content_refused. Other
 * outcomes (400, 409, 502, 503, 504) are not kept: a retry with the key tries again.
 */
public record KeptAnswer(int status, Map<String, Object> body) {

    /** The answer the finished work keeps, or null when its outcome is not one to give again. */
    @SuppressWarnings("unchecked")
    static KeptAnswer of(Work work, ObjectMapper json) {
        if (work.httpStatus() == null || work.responseJson() == null
                || (work.httpStatus() != 200 && work.httpStatus() != 422)) {
            return null;
        }
        Map<String, Object> body;
        try {
            body = json.readValue(work.responseJson(), Map.class);
        } catch (JsonProcessingException e) {
            return null;
        }
        return work.httpStatus() == 200 || "content_refused".equals(body.get("error")) ? new KeptAnswer(work.httpStatus(), body) : null;
    }
}
