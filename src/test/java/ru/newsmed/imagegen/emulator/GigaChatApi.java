package ru.newsmed.imagegen.emulator;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * GigaChat's API under {@code /api/v1}, both calls needing a Bearer token that
 * {@link GigaChatOAuth} issued (else 401 {@code {"status", "message"}}):
 * <ul>
 *   <li>{@code POST /api/v1/chat/completions}: with {@code "function_call": "auto"} the model
 *   "draws" the last user message (Kandinsky's part) and answers HTTP 200 with
 *   {@code <img src="<uuid>" fuse="true"/> Нарисовал ...}; without it, text only. The drawn file
 *   remembers the chat's {@code X-Client-ID}, if any.</li>
 *   <li>{@code GET /api/v1/files/{id}/content}: the drawn JPEG; 403 when the chat carried an
 *   {@code X-Client-ID} that the download does not repeat, 404 for an unknown id.</li>
 * </ul>
 * The markers of {@link PromptMarker} in the user message: REFUSE gets a text-only reply with
 * {@code finish_reason} {@code blacklist}, BUSY a 429. A chat that draws answers after the
 * configured latency (none unless set).
 */
final class GigaChatApi {

    static final String BASE_PATH = "/api/v1";

    private static final String CHAT_PATH = BASE_PATH + "/chat/completions";
    private static final Pattern FILE_CONTENT = Pattern.compile(Pattern.quote(BASE_PATH) + "/files/([^/]+)/content");
    private static final Pattern DRAW_VERB = Pattern.compile("(?iu)^\\s*нарисуй\\s*");
    private static final String MODEL_VERSION = "GigaChat:2.0.28.2";

    /** A drawn picture and the X-Client-ID of the chat that drew it (null when none). */
    private record DrawnFile(byte[] jpeg, String clientId) {
    }

    private final IssuedTokens tokens;
    private final PictureDrawer drawer;
    private final Map<String, DrawnFile> files = new ConcurrentHashMap<>();
    private final AtomicInteger chats = new AtomicInteger();
    private final AtomicInteger downloads = new AtomicInteger();
    private volatile Duration latency = Duration.ZERO;

    GigaChatApi(IssuedTokens tokens, PictureDrawer drawer) {
        this.tokens = tokens;
        this.drawer = drawer;
    }

    /** The chat calls received, authorised or not. */
    int chats() {
        return chats.get();
    }

    /** The download calls received, authorised or not. */
    int downloads() {
        return downloads.get();
    }

    /** How long a chat that draws takes to answer (Kandinsky's drawing time). */
    void latency(Duration latency) {
        this.latency = latency;
    }

    void handle(EmulatedCall call) throws IOException {
        Matcher file = FILE_CONTENT.matcher(call.path());
        boolean chat = CHAT_PATH.equals(call.path());
        if (!chat && !file.matches()) {
            call.json(404, error(404, "Not Found"));
            return;
        }
        if (!(chat ? "POST" : "GET").equals(call.method())) {
            call.json(405, error(405, "Method Not Allowed"));
            return;
        }
        (chat ? chats : downloads).incrementAndGet();
        IssuedTokens.Standing standing = tokens.standing(call.header("Authorization"));
        if (standing != IssuedTokens.Standing.VALID) {
            call.json(401, error(401, standing == IssuedTokens.Standing.EXPIRED ? "Token has expired" : "Unauthorized"));
            return;
        }
        if (chat) {
            chat(call);
        } else {
            download(call, file.group(1));
        }
    }

    private void chat(EmulatedCall call) throws IOException {
        JsonNode body = call.jsonBody();
        if (body == null || !body.isObject()) {
            call.json(400, error(400, "Invalid JSON in the request body"));
            return;
        }
        String model = body.path("model").asText("");
        if (!model.startsWith("GigaChat")) {
            call.json(404, error(404, "No such model"));
            return;
        }
        Optional<String> userText = lastUserMessage(body.path("messages"));
        if (userText.isEmpty()) {
            call.json(422, error(422, "Invalid params: messages must end with a user message with content"));
            return;
        }
        String subject = DRAW_VERB.matcher(userText.get()).replaceFirst("").replaceAll("[<>\"]", "").strip();
        Optional<PromptMarker> marker = PromptMarker.findIn(userText.get());
        if (marker.isPresent() && marker.get() == PromptMarker.BUSY) {
            call.json(429, error(429, "Too many requests"));
            return;
        }
        if (marker.isPresent()) {
            call.json(200, reply("Не люблю менять тему разговора, но вот сейчас тот самый случай.", "blacklist"));
            return;
        }
        if (!draws(body.path("function_call"))) {
            call.json(200, reply("Я могу описать словами: " + subject
                    + ". Чтобы я нарисовал изображение, разрешите мне вызывать функции.", "stop"));
            return;
        }
        EmulatedCall.pause(latency);
        String fileId = UUID.randomUUID().toString();
        files.put(fileId, new DrawnFile(drawer.draw("GigaChat · Kandinsky 3.1", subject, 1024, 1024),
                call.header("X-Client-ID")));
        call.json(200, reply("<img src=\"" + fileId + "\" fuse=\"true\"/> Нарисовал по вашему запросу: " + subject, "stop"));
    }

    private void download(EmulatedCall call, String fileId) throws IOException {
        DrawnFile drawn = files.get(fileId);
        if (drawn == null) {
            call.json(404, error(404, "File '" + fileId + "' not found"));
            return;
        }
        if (drawn.clientId() != null && !Objects.equals(drawn.clientId(), call.header("X-Client-ID"))) {
            call.json(403, error(403, "Access to file '" + fileId + "' is denied"));
            return;
        }
        call.bytes(200, "image/jpeg", drawn.jpeg());
    }

    /** "auto", or the built-in text2image named explicitly. */
    private static boolean draws(JsonNode functionCall) {
        return "auto".equals(functionCall.asText()) || "text2image".equals(functionCall.path("name").asText());
    }

    private static Optional<String> lastUserMessage(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode message = messages.get(i);
            if ("user".equals(message.path("role").asText()) && !message.path("content").asText("").isBlank()) {
                return Optional.of(message.path("content").asText());
            }
        }
        return Optional.empty();
    }

    private static ObjectNode reply(String content, String finishReason) {
        ObjectNode answer = EmulatedCall.object();
        ObjectNode choice = answer.putArray("choices").addObject();
        choice.putObject("message")
                .put("content", content)
                .put("role", "assistant")
                .put("functions_state_id", UUID.randomUUID().toString());
        choice.put("index", 0).put("finish_reason", finishReason);
        answer.put("created", Instant.now().getEpochSecond())
                .put("model", MODEL_VERSION)
                .put("object", "chat.completion");
        int completionTokens = content.length() / 4 + 1;
        answer.putObject("usage")
                .put("prompt_tokens", 120)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", 120 + completionTokens)
                .put("precached_prompt_tokens", 0);
        return answer;
    }

    private static ObjectNode error(int status, String message) {
        return EmulatedCall.object().put("status", status).put("message", message);
    }
}
