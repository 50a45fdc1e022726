package ru.newsmed.imagegen.gigachat;

import java.time.Duration;
import java.util.concurrent.Semaphore;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.Policy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.newsmed.imagegen.errors.ProviderFailedException;
import ru.newsmed.imagegen.errors.ProviderUnavailableException;
import ru.newsmed.imagegen.errors.RetryableProviderException;

/**
 * One Kamelet's way to its access token in the shared {@link GigaChatTokenCache}: its credentials
 * (from the Kamelet's parameters) and refresh buffer, the functions its token steps call, and, as
 * a {@code policy}, the lock that lets one call at a time fetch a token for these credentials. One
 * instance per Kamelet (its {@code template.beans}); the key never leaves it.
 */
public class GigaChatTokens implements Policy {

    private static final Logger LOG = LoggerFactory.getLogger(GigaChatTokens.class);

    private final GigaChatTokenCache cache;
    private final GigaChatCredentials credentials;
    private final Duration refreshBuffer;
    private final GigaChatTokenReplies replies = new GigaChatTokenReplies();

    public GigaChatTokens(GigaChatTokenCache cache, String oauthUrl, String authKey, String scope, int refreshBufferMinutes) {
        this.cache = cache;
        this.credentials = new GigaChatCredentials(oauthUrl, authKey, scope);
        this.refreshBuffer = Duration.ofMinutes(refreshBufferMinutes);
    }

    /** Fails with provider_unavailable while no authorization key is set. */
    public void requireConfigured() {
        if (!credentials.configured()) {
            throw new ProviderUnavailableException(ProviderUnavailableException.Reason.NOT_CONFIGURED,
                    "GigaChat is not configured: set GIGACHAT_AUTH_KEY (the Kamelet's authKey)");
        }
    }

    /** Whether there is no shared token good for the refresh buffer, so one must be fetched. */
    public boolean missing() {
        return cache.valid(credentials, refreshBuffer) == null;
    }

    /** The Authorization header of a chat or download call: the shared token, as fetched last. */
    public String bearerAuthorization() {
        String token = cache.valid(credentials, Duration.ZERO);
        return token == null ? null : "Bearer " + token;
    }

    /** The value of the OAuth call's Authorization header. */
    public String basicAuthorization() {
        return credentials.basicAuthorization();
    }

    /**
     * Reads the OAuth answer: the token, kept for every call with these credentials; or why there
     * is none. The answer and the call's headers (the key among them) leave the message.
     */
    public void fetched(Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        exchange.getMessage().removeHeaders("*", "ImageGen*", "CamelRedelivery*");
        exchange.getMessage().setBody(null);
        try {
            GigaChatTokenCache.Token token = replies.token(status, body, credentials.scope());
            cache.put(credentials, token);
            LOG.info("Fetched a GigaChat access token valid until {}", token.expiresAt());
        } catch (RuntimeException e) {
            cache.countFetch("failure");
            throw e;
        }
    }

    /** The OAuth call could not be made or answered in time: worth another attempt. */
    public void unreachable(Exchange exchange) {
        cache.countFetch("failure");
        exchange.getMessage().removeHeaders("*", "ImageGen*", "CamelRedelivery*");
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        throw new RetryableProviderException("GigaChat OAuth could not be reached: "
                + (cause == null ? "an I/O error" : cause.getClass().getSimpleName()), cause);
    }

    /**
     * Drops the token a call was refused with (a 401), unless another request replaced it already,
     * so that the call's next attempt fetches a fresh one.
     */
    public void drop(@Header("Authorization") String authorization) {
        if (authorization != null && authorization.startsWith("Bearer ")) {
            cache.drop(credentials, authorization.substring("Bearer ".length()));
        }
    }

    @Override
    public void beforeWrap(Route route, NamedNode definition) {
        // nothing to adjust
    }

    /** The token fetch steps, one call at a time for these credentials. */
    @Override
    public Processor wrap(Route route, Processor fetch) {
        return new DelegateAsyncProcessor(fetch) {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                Semaphore lock = cache.fetchLock(credentials);
                try {
                    lock.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    exchange.setException(new ProviderFailedException("Interrupted while waiting for a GigaChat access token"));
                    callback.done(true);
                    return true;
                }
                return processor.process(exchange, doneSync -> {
                    lock.release();
                    callback.done(doneSync);
                });
            }
        };
    }
}
