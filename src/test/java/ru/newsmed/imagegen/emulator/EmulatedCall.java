package ru.newsmed.imagegen.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * One HTTP call to the emulator: its method, path, headers and body (read whole on arrival), and
 * the ways to answer it (JSON or bytes, always with a Content-Length). {@link #serving} turns a
 * handler of calls into a JDK {@link HttpHandler} that answers 500 rather than hang on a bug.
 */
final class EmulatedCall {

    /** Answers one call; may throw, the caller then gets a 500. */
    @FunctionalInterface
    interface Handler {
        void handle(EmulatedCall call) throws IOException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpExchange exchange;
    private final byte[] body;
    private boolean answered;

    private EmulatedCall(HttpExchange exchange) throws IOException {
        this.exchange = exchange;
        this.body = exchange.getRequestBody().readAllBytes();
    }

    static HttpHandler serving(Handler handler) {
        return exchange -> {
            try {
                EmulatedCall call = new EmulatedCall(exchange);
                try {
                    handler.handle(call);
                } catch (RuntimeException | IOException e) {
                    if (!call.answered) {
                        call.json(500, object().put("status", 500).put("message", "Emulator error: " + e));
                    }
                }
            } finally {
                exchange.close();
            }
        };
    }

    /** Sleeps {@code latency} (a provider's thinking time); an interrupt ends it early. */
    static void pause(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A new empty JSON object, for building answers field by field in order. */
    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    String method() {
        return exchange.getRequestMethod();
    }

    String path() {
        return exchange.getRequestURI().getPath();
    }

    /** The header's first value, or null when absent. */
    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as JSON, or null when it is not JSON. */
    JsonNode jsonBody() {
        try {
            return body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    void json(int status, JsonNode answer) throws IOException {
        bytes(status, "application/json; charset=utf-8", JSON.writeValueAsBytes(answer));
    }

    void bytes(int status, String contentType, byte[] answer) throws IOException {
        answered = true;
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }
}
