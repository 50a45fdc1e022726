package ru.newsmed.imagegen.emulator;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * YandexART's asynchronous generation, both calls needing {@code Authorization: Api-Key ...} or
 * {@code Bearer ...} (else 401 "Unknown api key"):
 * <ul>
 *   <li>{@code POST /foundationModels/v1/imageGenerationAsync} checks the body as the real API
 *   does (model URI {@code art://<folder>/yandex-art/latest}, 64-bit numbers as strings, a text
 *   of at most 500 characters) and answers an operation {@code {"id": "fbv...", "done": false}};</li>
 *   <li>{@code GET /operations/{id}} answers that operation not done for the configured number of
 *   polls (and, when a latency is set, until that long after the start), then done with
 *   {@code response.image}, a base64 JPEG drawn in the asked aspect ratio (1024 pixels on the
 *   longer side). An unknown id is a 404.</li>
 * </ul>
 * Errors come in the real API's two shapes: flat {@code {"error", "code", "message", "details"}}
 * for 400 and 401, nested {@code {"error": {"grpcCode", "httpCode", ...}}} for 404 and 429. The
 * markers of {@link PromptMarker} in the text: REFUSE gets the 400 refusal, BUSY a 429.
 */
final class YandexArt {

    static final String START_PATH = "/foundationModels/v1/imageGenerationAsync";
    static final String OPERATIONS_PATH = "/operations";
    static final String REFUSAL =
            "it is not possible to generate an image from this request because it may violate the terms of use";

    private static final Pattern MODEL_URI = Pattern.compile("art://[A-Za-z0-9_-]+/yandex-art/latest");
    private static final Pattern OPERATION_ID = Pattern.compile("[a-z0-9]{1,64}");
    private static final Pattern UINT64 = Pattern.compile("\\d{1,20}");
    private static final int MAX_TEXT = 500;
    private static final int LONGER_SIDE = 1024;
    private static final String RESPONSE_TYPE =
            "type.googleapis.com/yandex.cloud.ai.foundation_models.v1.image_generation.ImageGenerationResponse";

    /**
     * A started generation: what to draw, how many polls still find it not done, and the moment
     * before which it is not done anyway.
     */
    private static final class Operation {
        private final String text;
        private final int width;
        private final int height;
        private final AtomicInteger pendingPolls;
        private final long readyAtNanos;
        private String image;

        Operation(String text, int width, int height, int pendingPolls, Duration latency) {
            this.text = text;
            this.width = width;
            this.height = height;
            this.pendingPolls = new AtomicInteger(pendingPolls);
            this.readyAtNanos = System.nanoTime() + latency.toNanos();
        }

        boolean done() {
            return pendingPolls.getAndDecrement() <= 0 && System.nanoTime() - readyAtNanos >= 0;
        }

        synchronized String base64Image(PictureDrawer drawer) {
            if (image == null) {
                image = Base64.getEncoder().encodeToString(drawer.draw("YandexART", text, width, height));
            }
            return image;
        }
    }

    private final PictureDrawer drawer;
    private final Map<String, Operation> operations = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger starts = new AtomicInteger();
    private final AtomicInteger polls = new AtomicInteger();
    private volatile int pendingPolls = 2;
    private volatile Duration latency = Duration.ZERO;

    YandexArt(PictureDrawer drawer) {
        this.drawer = drawer;
    }

    int starts() {
        return starts.get();
    }

    int polls() {
        return polls.get();
    }

    /** How many polls of a new operation answer "not done" before the one with the image. */
    void pendingPolls(int polls) {
        if (polls < 0) {
            throw new IllegalArgumentException("pending polls must not be negative: " + polls);
        }
        this.pendingPolls = polls;
    }

    /** How long after its start an operation is done at the earliest (the drawing time). */
    void latency(Duration latency) {
        this.latency = latency;
    }

    void start(EmulatedCall call) throws IOException {
        if (!START_PATH.equals(call.path())) {
            call.json(404, nested(404, 5, "Not Found"));
            return;
        }
        if (!"POST".equals(call.method())) {
            call.json(405, nested(405, 12, "Method Not Allowed"));
            return;
        }
        starts.incrementAndGet();
        if (!authorised(call)) {
            call.json(401, flat(16, "Unknown api key"));
            return;
        }
        JsonNode body = call.jsonBody();
        Optional<String> invalid = invalid(body);
        if (invalid.isPresent()) {
            call.json(400, flat(3, invalid.get()));
            return;
        }
        String text = body.path("messages").get(0).path("text").asText();
        Optional<PromptMarker> marker = PromptMarker.findIn(text);
        if (marker.isPresent() && marker.get() == PromptMarker.REFUSE) {
            call.json(400, flat(3, REFUSAL));
            return;
        }
        if (marker.isPresent()) {
            call.json(429, nested(429, 8, "Too many requests"));
            return;
        }
        JsonNode ratio = body.path("generationOptions").path("aspectRatio");
        long widthRatio = Math.max(1, Long.parseLong(ratio.path("widthRatio").asText("1")));
        long heightRatio = Math.max(1, Long.parseLong(ratio.path("heightRatio").asText("1")));
        long longer = Math.max(widthRatio, heightRatio);
        String id = operationId();
        operations.put(id, new Operation(text, side(widthRatio, longer), side(heightRatio, longer), pendingPolls,
                latency));
        call.json(200, operation(id, false));
    }

    void poll(EmulatedCall call) throws IOException {
        String id = call.path().substring(Math.min(call.path().length(), OPERATIONS_PATH.length() + 1));
        if (!"GET".equals(call.method())) {
            call.json(405, nested(405, 12, "Method Not Allowed"));
            return;
        }
        polls.incrementAndGet();
        if (!authorised(call)) {
            call.json(401, flat(16, "Unknown api key"));
            return;
        }
        Operation operation = OPERATION_ID.matcher(id).matches() ? operations.get(id) : null;
        if (operation == null) {
            call.json(404, nested(404, 5, "Operation not found: " + id));
            return;
        }
        if (!operation.done()) {
            call.json(200, operation(id, false));
            return;
        }
        ObjectNode done = operation(id, true);
        done.putObject("response")
                .put("@type", RESPONSE_TYPE)
                .put("image", operation.base64Image(drawer))
                .put("modelVersion", "");
        call.json(200, done);
    }

    /** What the real API would refuse in this start body with a 400, if anything. */
    private static Optional<String> invalid(JsonNode body) {
        if (body == null || !body.isObject()) {
            return Optional.of("Invalid JSON in the request body");
        }
        if (!MODEL_URI.matcher(body.path("modelUri").asText("")).matches()) {
            return Optional.of("invalid model_uri: expected art://<folder_id>/yandex-art/latest, got '"
                    + body.path("modelUri").asText("") + "'");
        }
        JsonNode options = body.path("generationOptions");
        if (options.has("mimeType") && !"image/jpeg".equals(options.path("mimeType").asText())) {
            return Optional.of("unsupported mime type: " + options.path("mimeType").asText());
        }
        if (options.has("seed") && !(options.get("seed").isTextual() && UINT64.matcher(options.get("seed").asText()).matches())) {
            return Optional.of("generation_options.seed must be a 64-bit number sent as a JSON string");
        }
        for (String side : new String[]{"widthRatio", "heightRatio"}) {
            JsonNode value = options.path("aspectRatio").path(side);
            if (!value.isMissingNode() && !(value.isTextual() && UINT64.matcher(value.asText()).matches()
                    && value.asText().length() < 10 && Long.parseLong(value.asText()) > 0)) {
                return Optional.of("generation_options.aspect_ratio." + side + " must be a positive 64-bit number sent as a JSON string");
            }
        }
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty() || messages.get(0).path("text").asText("").isBlank()) {
            return Optional.of("messages must hold at least one message with a text");
        }
        for (JsonNode message : messages) {
            String text = message.path("text").asText("");
            if (text.codePointCount(0, text.length()) > MAX_TEXT) {
                return Optional.of("the text of a message must be at most " + MAX_TEXT + " characters");
            }
        }
        return Optional.empty();
    }

    private static boolean authorised(EmulatedCall call) {
        String authorization = call.header("Authorization");
        return authorization != null
                && (authorization.startsWith("Api-Key ") || authorization.startsWith("Bearer "))
                && !authorization.substring(authorization.indexOf(' ') + 1).isBlank();
    }

    private static int side(long ratio, long longer) {
        return (int) Math.max(64, LONGER_SIDE * ratio / longer);
    }

    private String operationId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder("fbv");
        for (int i = 0; i < 17; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    private static ObjectNode operation(String id, boolean done) {
        ObjectNode operation = EmulatedCall.object()
                .put("id", id)
                .put("description", "")
                .putNull("createdAt")
                .put("createdBy", "")
                .putNull("modifiedAt")
                .put("done", done);
        return operation.putNull("metadata");
    }

    private static ObjectNode flat(int code, String message) {
        ObjectNode error = EmulatedCall.object().put("error", message).put("code", code).put("message", message);
        error.putArray("details");
        return error;
    }

    private static ObjectNode nested(int httpCode, int grpcCode, String message) {
        ObjectNode answer = EmulatedCall.object();
        ObjectNode error = answer.putObject("error")
                .put("grpcCode", grpcCode)
                .put("httpCode", httpCode)
                .put("message", message)
                .put("httpStatus", httpStatus(httpCode));
        error.putArray("details");
        return answer;
    }

    private static String httpStatus(int code) {
        return switch (code) {
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 429 -> "Too Many Requests";
            default -> "Error";
        };
    }
}
