package ru.newsmed.imagegen.emulator;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * GigaChat's OAuth endpoint, {@code POST /api/v2/oauth}: {@code Authorization: Basic <key>}, a
 * {@code RqUID} that is a UUID v4 and the form body {@code scope=GIGACHAT_API_PERS} (or _B2B,
 * _CORP) in; {@code {"access_token", "expires_at"}} out, {@code expires_at} in epoch
 * MILLISECONDS, 30 minutes ahead. Errors are {@code {"code", "message"}} as the real server's.
 * Any Basic key is accepted: the emulator has no accounts.
 */
final class GigaChatOAuth {

    static final String PATH = "/api/v2/oauth";

    private static final Set<String> SCOPES = Set.of("GIGACHAT_API_PERS", "GIGACHAT_API_B2B", "GIGACHAT_API_CORP");
    private static final Pattern UUID_V4 =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}");

    private final IssuedTokens tokens;
    private final AtomicInteger fetches = new AtomicInteger();

    GigaChatOAuth(IssuedTokens tokens) {
        this.tokens = tokens;
    }

    /** The POSTs this endpoint received, answered with a token or not. */
    int fetches() {
        return fetches.get();
    }

    void handle(EmulatedCall call) throws IOException {
        if (!"POST".equals(call.method())) {
            call.json(405, error(405, "Method Not Allowed"));
            return;
        }
        fetches.incrementAndGet();
        String authorization = call.header("Authorization");
        if (authorization == null || !authorization.startsWith("Basic ") || authorization.substring(6).isBlank()) {
            call.json(401, error(6, "credentials doesn't match db data"));
            return;
        }
        String rqUid = call.header("RqUID");
        if (rqUid == null || !UUID_V4.matcher(rqUid.strip()).matches()) {
            call.json(400, error(4, "RqUID must be a UUID v4, got " + (rqUid == null ? "none" : "'" + rqUid + "'")));
            return;
        }
        String scope = formField(call.text(), "scope");
        if (scope == null || scope.isBlank()) {
            call.json(400, error(5, "scope is empty"));
            return;
        }
        if (!SCOPES.contains(scope)) {
            call.json(400, error(1, "scope data format invalid"));
            return;
        }
        IssuedTokens.Token token = tokens.issue();
        call.json(200, EmulatedCall.object()
                .put("access_token", token.value())
                .put("expires_at", token.expiresAt().toEpochMilli()));
    }

    private static ObjectNode error(int code, String message) {
        return EmulatedCall.object().put("code", code).put("message", message);
    }

    private static String formField(String form, String name) {
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8).strip().equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8).strip();
            }
        }
        return null;
    }
}
