package ru.newsmed.imagegen.gigachat;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.errors.ProviderFailedException;
import ru.newsmed.imagegen.errors.ProviderUnavailableException;
import ru.newsmed.imagegen.errors.RetryableProviderException;

/**
 * Holds the one GigaChat access token every request shares. It is reused until {@code expires_at}
 * minus {@code GIGACHAT_TOKEN_REFRESH_BUFFER}; however many requests find it stale at once, one of
 * them fetches (through the route {@code direct:gigachat-fetch-token}) while the rest wait for it.
 */
@Component("imagegenGigachatTokenCache")
public class GigaChatTokenCache {

    static final String FETCH_ROUTE = "direct:imagegen-gigachat-fetch-token";
    /** An {@code expires_at} under this is in seconds, not milliseconds. */
    private static final long SECONDS_LIMIT = 100_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(GigaChatTokenCache.class);

    private record Token(String value, Instant expiresAt) {
    }

    private final GigaChatSettings settings;
    private final ProducerTemplate producer;
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock(true);
    private volatile Token current;

    private final MeterRegistry meters;

    public GigaChatTokenCache(GigaChatSettings settings, ProducerTemplate producer, ObjectMapper objectMapper,
                              MeterRegistry meters) {
        this.meters = meters;
        this.settings = settings;
        this.producer = producer;
        this.objectMapper = objectMapper;
        this.clock = Clock.systemUTC();
    }

    /** Fails with provider_unavailable, naming the variable, while no authorization key is set. */
    public void requireConfigured() {
        if (!settings.configured()) {
            throw new ProviderUnavailableException(ProviderUnavailableException.Reason.NOT_CONFIGURED,
                    "GigaChat is not configured: set GIGACHAT_AUTH_KEY");
        }
    }

    /** The value of the OAuth call's Authorization header. */
    public String basicAuthorization() {
        String key = settings.authKey().strip();
        return key.regionMatches(true, 0, "Basic ", 0, 6) ? key : "Basic " + key;
    }

    /** A token that is good for at least the refresh buffer, fetched if need be. */
    public String token() {
        Token token = current;
        if (fresh(token)) {
            return token.value();
        }
        lock.lock();
        try {
            token = current;
            if (!fresh(token)) {
                token = fetch();
                current = token;
            }
            return token.value();
        } finally {
            lock.unlock();
        }
    }

    /** Drops the token a call was refused with (a 401), unless another request already replaced it. */
    public void invalidate(@ExchangeProperty("gigachatToken") String refused) {
        lock.lock();
        try {
            Token token = current;
            if (token != null && (refused == null || token.value().equals(refused))) {
                current = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Forgets the token, so the next call fetches one. */
    public void clear() {
        invalidate(null);
    }

    /** When the cached token expires, if there is one (for status pages; never the token). */
    public Optional<Instant> expiresAt() {
        Token token = current;
        return token == null ? Optional.empty() : Optional.of(token.expiresAt());
    }

    private boolean fresh(Token token) {
        return token != null && clock.instant().isBefore(token.expiresAt().minus(settings.tokenRefreshBuffer()));
    }

    /** Fetches a token, counted in imagegen_gigachat_token_fetches_total by outcome. */
    private Token fetch() {
        try {
            Token token = fetchOnce();
            countFetch("success");
            return token;
        } catch (RuntimeException e) {
            countFetch("failure");
            throw e;
        }
    }

    private void countFetch(String outcome) {
        Counter.builder("imagegen.gigachat.token.fetches").description("GigaChat OAuth token fetches")
                .tag("outcome", outcome).register(meters).increment();
    }

    private Token fetchOnce() {
        Exchange reply = producer.request(FETCH_ROUTE, exchange -> { });
        Exception failure = reply.getException();
        if (failure != null) {
            if (failure instanceof IOException) {
                throw new RetryableProviderException("GigaChat OAuth could not be reached: " + failure.getMessage(), failure);
            }
            throw failure instanceof RuntimeException runtime ? runtime
                    : new ProviderFailedException("GigaChat OAuth failed: " + failure.getMessage(), failure);
        }
        int status = reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        byte[] body = reply.getMessage().getBody(byte[].class);
        Token token = status == 200 ? parse(body) : null;
        if (token == null) {
            throw oauthError(status, body);
        }
        LOG.info("Fetched a GigaChat access token valid until {}", token.expiresAt());
        return token;
    }

    private Token parse(byte[] body) {
        try {
            JsonNode json = objectMapper.readTree(body);
            String value = json.path("access_token").asText("");
            JsonNode expires = json.path("expires_at");
            if (value.isEmpty() || !expires.canConvertToLong()) {
                return null;
            }
            long at = expires.asLong();
            return new Token(value, at < SECONDS_LIMIT ? Instant.ofEpochSecond(at) : Instant.ofEpochMilli(at));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private RuntimeException oauthError(int status, byte[] body) {
        String message = "";
        Integer code = null;
        try {
            JsonNode json = objectMapper.readTree(body);
            message = json.path("message").asText("");
            code = json.path("code").canConvertToInt() ? json.path("code").asInt() : null;
        } catch (IOException | RuntimeException notJson) {
            // keep the status alone
        }
        String detail = (code == null ? "" : " (code " + code + ")") + (message.isEmpty() ? "" : ": " + message);
        if (status == 200) {
            return new ProviderFailedException("GigaChat OAuth answered without a usable access_token and expires_at");
        }
        if (status == 429 || status >= 500) {
            return new RetryableProviderException("GigaChat OAuth answered HTTP " + status + detail);
        }
        if (status == 401 || Integer.valueOf(6).equals(code)) {
            return new ProviderFailedException("GigaChat rejected the authorization key" + detail
                    + "; check GIGACHAT_AUTH_KEY");
        }
        if (Integer.valueOf(7).equals(code)) {
            return new ProviderFailedException("GigaChat rejected the scope " + settings.scope() + " for this key"
                    + detail + "; check GIGACHAT_SCOPE");
        }
        return new ProviderFailedException("GigaChat OAuth answered HTTP " + status + detail);
    }
}
