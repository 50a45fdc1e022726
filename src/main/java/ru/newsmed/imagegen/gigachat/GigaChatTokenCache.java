package ru.newsmed.imagegen.gigachat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The GigaChat access tokens every request shares, one per set of credentials (OAuth URL, key,
 * scope), and the lock that lets one request at a time fetch a new one for those credentials. The
 * Kamelet's steps fetch; {@link GigaChatTokens} is how a Kamelet reaches its own entry. Counts the
 * fetches in {@code imagegen_gigachat_token_fetches_total} by outcome.
 */
@Component("imagegenGigachatTokenCache")
public class GigaChatTokenCache {

    /** A token and when GigaChat said it expires. */
    record Token(String value, Instant expiresAt) {
    }

    private final Map<GigaChatCredentials, Token> tokens = new ConcurrentHashMap<>();
    private final Map<GigaChatCredentials, Semaphore> fetches = new ConcurrentHashMap<>();
    private final GigaChatCredentials service;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();

    public GigaChatTokenCache(GigaChatSettings settings, MeterRegistry meters) {
        this.service = new GigaChatCredentials(settings.oauthUrl(), settings.authKey(), settings.scope());
        this.meters = meters;
    }

    /** The token of these credentials while it is good for at least {@code buffer}; null otherwise. */
    String valid(GigaChatCredentials credentials, Duration buffer) {
        Token token = tokens.get(credentials);
        return token != null && clock.instant().isBefore(token.expiresAt().minus(buffer)) ? token.value() : null;
    }

    void put(GigaChatCredentials credentials, Token token) {
        tokens.put(credentials, token);
        countFetch("success");
    }

    /** Drops the token a call was refused with (a 401), unless another request already replaced it. */
    void drop(GigaChatCredentials credentials, String refused) {
        tokens.computeIfPresent(credentials, (key, token) -> token.value().equals(refused) ? null : token);
    }

    /** One fetch at a time for these credentials: the rest wait for it, then find its token. */
    Semaphore fetchLock(GigaChatCredentials credentials) {
        return fetches.computeIfAbsent(credentials, key -> new Semaphore(1, true));
    }

    void countFetch(String outcome) {
        Counter.builder("imagegen.gigachat.token.fetches").description("GigaChat OAuth token fetches")
                .tag("outcome", outcome).register(meters).increment();
    }

    /** Forgets every token, so the next call fetches one. */
    public void clear() {
        tokens.clear();
    }

    /** When the service's own token (GIGACHAT_* credentials) expires, if there is one: for status pages, never the token. */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(tokens.get(service)).map(Token::expiresAt);
    }
}
