package ru.newsmed.imagegen.callback;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * The {@code X-ImageGen-Signature} of a callback: {@code sha256=} and the lowercase hex HMAC-SHA256
 * of the exact body bytes sent, keyed with the UTF-8 bytes of {@code IMAGE_CALLBACK_SECRET}. A
 * receiver computes the same over the body it got and compares the two in constant time.
 */
@Component("imagegenCallbackSignature")
public class CallbackSignature {

    public static final String HEADER = "X-ImageGen-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;

    public CallbackSignature(CallbackSettings settings) {
        this.key = settings.secret().getBytes(StandardCharsets.UTF_8);
    }

    /** The header's value for {@code body}. */
    public String sign(byte[] body) {
        if (key.length == 0) {
            throw new IllegalStateException("No callback can be signed: IMAGE_CALLBACK_SECRET is not set");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
