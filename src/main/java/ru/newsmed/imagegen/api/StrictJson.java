package ru.newsmed.imagegen.api;

import java.io.IOException;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.springframework.stereotype.Component;

/**
 * Reads every JSON request body (generate requests from REST, the folder, JMS and direct:, and the
 * admin body) strictly: one JSON value and nothing after it (no {@code garbage}, no NUL byte), and
 * no key twice in an object. Spring's own ObjectMapper is left as it is; this reader is a
 * configured copy of it.
 */
@Component("imagegenStrictJson")
public class StrictJson {

    private final ObjectReader reader;

    public StrictJson(ObjectMapper objectMapper) {
        this.reader = objectMapper.reader()
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The JSON value the bytes hold; null for no bytes at all. */
    public JsonNode read(byte[] json) throws IOException {
        return json == null || json.length == 0 ? null : reader.readTree(json);
    }
}
