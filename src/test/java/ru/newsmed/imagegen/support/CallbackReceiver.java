package ru.newsmed.imagegen.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;

/**
 * WireMock standing in for the receivers of job callbacks: one at {@code localhost} (allowed in
 * the shared test context, as 127.0.0.1 is) and another one elsewhere, that a receiver may try to
 * redirect a callback to. One pair per test JVM, plain HTTP; tests reset them and stub what they need.
 */
public final class CallbackReceiver {

    public static final String ALLOWED_HOSTS = "localhost, 127.0.0.1";
    public static final String SECRET = "test-callback-secret-SECRET-5d8a";

    private static WireMockServer receiver;
    private static WireMockServer elsewhere;

    private CallbackReceiver() {
    }

    public static synchronized WireMockServer server() {
        if (receiver == null) {
            receiver = started();
        }
        return receiver;
    }

    /** Another server, never to be reached by a callback. */
    public static synchronized WireMockServer elsewhere() {
        if (elsewhere == null) {
            elsewhere = started();
        }
        return elsewhere;
    }

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(options().dynamicPort().notifier(new ConsoleNotifier(false)));
        server.start();
        return server;
    }

    /** A URL of the receiver, at localhost. */
    public static String url(String pathAndQuery) {
        return "http://localhost:" + server().port() + pathAndQuery;
    }

    /** Empties the stubs and journals of the servers started. */
    public static synchronized void reset() {
        if (receiver != null) {
            receiver.resetAll();
        }
        if (elsewhere != null) {
            elsewhere.resetAll();
        }
    }

    /** What a receiver computes to check a callback: sha256= and the hex HMAC-SHA256 of the body it got. */
    public static String expectedSignature(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
