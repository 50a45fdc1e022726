package ru.newsmed.imagegen.work;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.errors.InvalidRequestException;

/**
 * The {@code Idempotency-Key} of a request (the JMS property {@code IdempotencyKey}): 1..255
 * visible ASCII characters, no spaces, else 400 naming the field Idempotency-Key. Kept in the
 * variables the durable work reads, with the entry that scopes it.
 */
@Component("imagegenIdempotencyKeys")
public class IdempotencyKeys {

    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1,255}");

    /** Keeps the request's key (when it sent one) for the entry {@code entry}. */
    public void keep(Exchange exchange, String entry) {
        exchange.setVariable(DurableWork.ENTRY, entry);
        exchange.setVariable(DurableWork.KEY, check(exchange.getMessage().getHeader("Idempotency-Key", String.class)));
    }

    /** Keeps the key of a JMS message (the string property IdempotencyKey). */
    public void keepJms(Exchange exchange) {
        exchange.setVariable(DurableWork.ENTRY, "jms");
        exchange.setVariable(DurableWork.KEY, check(exchange.getMessage().getHeader("IdempotencyKey", String.class)));
    }

    /**
     * A prompt file's key: its name and a hash of what it holds, so that a file taken again after
     * a crash is not generated again, while a new file of the same name is.
     */
    public void keepInbox(Exchange exchange) throws NoSuchAlgorithmException {
        Object body = exchange.getMessage().getBody();
        byte[] content = body instanceof byte[] bytes ? bytes
                : String.valueOf(body instanceof Map<?, ?> request ? request.get("prompt") : body).getBytes(StandardCharsets.UTF_8);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        exchange.setVariable(DurableWork.ENTRY, "inbox");
        exchange.setVariable(DurableWork.KEY, exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class) + ":" + hash);
    }

    /** The key as given, or null when none was sent. */
    public static String check(String key) {
        if (key == null) {
            return null;
        }
        if (!VALID.matcher(key).matches()) {
            throw new InvalidRequestException("Idempotency-Key",
                    "Idempotency-Key must be 1 to 255 visible ASCII characters without spaces");
        }
        return key;
    }
}
