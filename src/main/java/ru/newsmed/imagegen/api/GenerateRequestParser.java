package ru.newsmed.imagegen.api;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.errors.InvalidRequestException;

/**
 * Reads a generate request, JSON or a Map, and checks every field strictly, as the contract says
 * ({@link GenerateRequestFields}). Unknown fields are ignored; JSON with anything after its value,
 * or a key given twice, is refused ({@link StrictJson}); a body that is no JSON object is a 400
 * naming the field body.
 */
@Component("imagegenGenerateRequestParser")
public class GenerateRequestParser {

    private final ObjectMapper objectMapper;
    private final StrictJson strictJson;

    public GenerateRequestParser(ObjectMapper objectMapper, StrictJson strictJson) {
        this.objectMapper = objectMapper;
        this.strictJson = strictJson;
    }

    /** A request as JSON (bytes, a String or a stream), as a Map (from a route in the same CamelContext) or as its tree. */
    public GenerateRequest parse(@Body Object body, Exchange exchange) {
        JsonNode root = tree(body, exchange);
        String prompt = GenerateRequestFields.prompt(root.get("prompt"));
        return new GenerateRequest(
                prompt,
                root.get("prompt").textValue().strip(),
                GenerateRequestFields.ratio(root.get("width_ratio"), "width_ratio"),
                GenerateRequestFields.ratio(root.get("height_ratio"), "height_ratio"),
                GenerateRequestFields.seed(root.get("seed")),
                GenerateRequestFields.provider(root.get("provider")),
                GenerateRequestFields.style(root.get("style_instructions")));
    }

    /** The request as a JSON object (400 naming the field body when it is none). */
    public JsonNode tree(Object body, Exchange exchange) {
        JsonNode root;
        if (body instanceof JsonNode node) {
            root = node;
        } else if (body instanceof Map<?, ?> map) {
            try {
                root = objectMapper.valueToTree(map);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("body", "The request Map cannot be read as JSON");
            }
        } else {
            byte[] json = body == null ? null : exchange.getContext().getTypeConverter().tryConvertTo(byte[].class, exchange, body);
            if (body != null && json == null) {
                throw new InvalidRequestException("body", "The request must be JSON or a Map, not " + body.getClass().getSimpleName());
            }
            try {
                root = strictJson.read(json);
            } catch (IOException e) {
                throw new InvalidRequestException("body", "The request body is not valid JSON");
            }
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidRequestException("body", "The request body is empty");
        }
        if (!root.isObject()) {
            throw new InvalidRequestException("body", "The request body must be a JSON object");
        }
        return root;
    }
}
