package ru.newsmed.imagegen.emulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access tokens the emulated GigaChat OAuth endpoint issued, each valid {@link #LIFETIME},
 * and how a request's {@code Authorization: Bearer ...} stands against them. A token looks like
 * GigaChat's: a JWE of about 1.2 KB (five base64url parts).
 */
final class IssuedTokens {

    static final Duration LIFETIME = Duration.ofMinutes(30);

    /** How a request's Authorization header stands. */
    enum Standing { VALID, UNKNOWN, EXPIRED }

    /** An issued token and the instant it stops being accepted. */
    record Token(String value, Instant expiresAt) {
    }

    private static final String JWE_HEADER = Base64.getUrlEncoder().withoutPadding()
            .encodeToString("{\"cty\":\"jwt\",\"enc\":\"A256CBC-HS512\",\"alg\":\"RSA-OAEP-256\"}".getBytes());

    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    Token issue() {
        String value = String.join(".", JWE_HEADER, randomPart(256), randomPart(16), randomPart(560), randomPart(32));
        Instant expiresAt = Instant.now().plus(LIFETIME);
        expiries.put(value, expiresAt);
        return new Token(value, expiresAt);
    }

    Standing standing(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Standing.UNKNOWN;
        }
        Instant expiresAt = expiries.get(authorization.substring("Bearer ".length()).strip());
        if (expiresAt == null) {
            return Standing.UNKNOWN;
        }
        return Instant.now().isBefore(expiresAt) ? Standing.VALID : Standing.EXPIRED;
    }

    private String randomPart(int bytes) {
        byte[] part = new byte[bytes];
        random.nextBytes(part);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(part);
    }
}
