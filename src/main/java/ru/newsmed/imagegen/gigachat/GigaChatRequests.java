package ru.newsmed.imagegen.gigachat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.api.GenerateRequest;
import ru.newsmed.imagegen.prompt.PreparedPrompt;

/** Writes the chat completion request that asks GigaChat to draw (Kandinsky, via function_call auto). */
@Component("imagegenGigachatRequests")
public class GigaChatRequests {

    private final GigaChatSettings settings;
    private final ObjectMapper objectMapper;

    public GigaChatRequests(GigaChatSettings settings, ObjectMapper objectMapper) {
        this.settings = settings;
        this.objectMapper = objectMapper;
    }

    /** The user message: {@code Нарисуй <prompt>}, the prompt sanitised and enriched. */
    public String userMessage(@ExchangeProperty("preparedPrompt") PreparedPrompt prompt) {
        return "Нарисуй " + prompt.text();
    }

    /** The request body, with the system message (style plus {@code style_instructions}) and the user message. */
    public String chat(@ExchangeProperty("generateRequest") GenerateRequest request,
                       @ExchangeProperty("promptSent") String userMessage) throws JsonProcessingException {
        String system = settings.systemPrompt().strip();
        if (request.styleInstructions() != null) {
            system = system + "\n" + request.styleInstructions();
        }
        return objectMapper.writeValueAsString(Map.of(
                "model", settings.model(),
                "messages", List.of(
                        Map.of("role", "system", "content", system),
                        Map.of("role", "user", "content", userMessage)),
                "function_call", "auto"));
    }
}
