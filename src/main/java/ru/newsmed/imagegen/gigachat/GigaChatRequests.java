package ru.newsmed.imagegen.gigachat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Header;
import org.apache.camel.Variable;

/**
 * Writes the chat completion request that asks GigaChat to draw (Kandinsky, via function_call
 * auto), from the Kamelet's {@code systemPrompt}, {@code model} and {@code clientId}, and the URL
 * of the download. One instance per Kamelet ({@code template.beans}).
 */
public class GigaChatRequests {

    private final String systemPrompt;
    private final String model;
    private final String clientId;
    private final String baseUrl;
    private final ObjectMapper objectMapper = new ObjectMapper();

    /** The client id is an Object: Camel hands a parameter that looks like a number to a constructor as one. */
    public GigaChatRequests(String systemPrompt, String model, Object clientId, String baseUrl) {
        this.systemPrompt = systemPrompt == null ? "" : systemPrompt.strip();
        this.model = model;
        this.clientId = clientId == null || clientId.toString().isBlank() ? null : clientId.toString().strip();
        this.baseUrl = baseUrl.strip().replaceAll("/+$", "");
    }

    /** The request body: the system message (the style, plus the style instructions) and the user message. */
    public String chat(@Header("ImageGenPromptSent") String userMessage,
                       @Header("ImageGenStyleInstructions") String styleInstructions) throws JsonProcessingException {
        String system = styleInstructions == null || styleInstructions.isBlank() ? systemPrompt
                : systemPrompt + "\n" + styleInstructions;
        return objectMapper.writeValueAsString(Map.of(
                "model", model,
                "messages", List.of(
                        Map.of("role", "system", "content", system),
                        Map.of("role", "user", "content", userMessage)),
                "function_call", "auto"));
    }

    /** What the user says: {@code Нарисуй <prompt>}, the prompt (the body) as the caller gave it. */
    public String userMessage(String prompt) {
        return "Нарисуй " + (prompt == null ? "" : prompt);
    }

    /** Where the drawn file is downloaded; only a file id (a UUID) may become part of that URL. */
    public String download(@Variable("gigachatFileId") String fileId) {
        return baseUrl + "/files/" + FileIdExtractor.requireFileId(fileId) + "/content";
    }

    /** The X-Client-ID of the chat and of the download (they must match); null when there is none. */
    public String clientId() {
        return clientId;
    }
}
