package ru.newsmed.imagegen.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * An offline stand-in for both image providers, speaking their real wire protocols (see
 * {@code PROVIDERS.md}) over plain HTTP on 127.0.0.1, so that the service runs its whole flow
 * with no account and cannot tell the difference:
 * <ul>
 *   <li>GigaChat: OAuth {@code POST /api/v2/oauth} ({@link GigaChatOAuth}), the chat
 *   {@code POST /api/v1/chat/completions} and the download {@code GET /api/v1/files/{id}/content}
 *   ({@link GigaChatApi});</li>
 *   <li>YandexART: {@code POST /foundationModels/v1/imageGenerationAsync} and
 *   {@code GET /operations/{id}} ({@link YandexArt}), done after {@link #pendingPolls} polls
 *   (2 unless changed).</li>
 * </ul>
 * Both draw real JPEGs ({@link PictureDrawer}): a gradient, the provider's name and the prompt.
 *
 * <p>Marker words in a prompt (whole words, any case) make the providers answer with their
 * errors instead:
 * <ul>
 *   <li>{@code REFUSE}: YandexART answers the start 400 with the flat error "it is not possible to
 *   generate an image from this request because it may violate the terms of use" (code 3);
 *   GigaChat answers the chat with text only, {@code finish_reason} {@code blacklist};</li>
 *   <li>{@code BUSY}: YandexART answers the start 429 with the nested error
 *   {@code {"error": {"grpcCode": 8, "httpCode": 429, ...}}}; GigaChat answers the chat 429
 *   {@code {"status": 429, "message": "Too many requests"}}.</li>
 * </ul>
 *
 * <p>Any Basic key, any Api-Key and any folder are accepted; GigaChat's Bearer tokens must be
 * ones this emulator issued, and a download must repeat the chat's {@code X-Client-ID}. Each call
 * is served on a thread of its own (a pool that grows with the load, for the benchmark's hundreds
 * of concurrent calls held for seconds each).
 *
 * <p>For the benchmark: {@link #picture} serves a fixed real image instead of drawing one, and
 * {@link #latency} makes each drawing take that long.
 */
public final class ProviderEmulator implements AutoCloseable {

    static {
        System.setProperty("java.awt.headless", "true");
        // The JDK server closes a keep-alive connection at once when more than 200 are idle (its
        // default), which a client pooling hundreds of them meets as "no response" on its next call.
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", "2000");
        }
        // And it writes an answer's head and body as two segments with Nagle's algorithm on: the
        // body then waits for the client's delayed ACK, about 40 ms a call (the benchmark met it).
        // Real front ends (nginx) set TCP_NODELAY.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** A GigaChat authorization key (base64 of "emulator:secret"); any Basic key is accepted. */
    public static final String GIGACHAT_AUTH_KEY = "ZW11bGF0b3I6c2VjcmV0";

    /** Connections waiting to be accepted: hundreds arrive at once in the benchmark. */
    private static final int BACKLOG = 1024;

    private final HttpServer server;
    private final ExecutorService threads;
    private final GigaChatOAuth oauth;
    private final GigaChatApi gigachat;
    private final YandexArt yandex;
    private final PictureDrawer drawer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ProviderEmulator(HttpServer server, ExecutorService threads, GigaChatOAuth oauth, GigaChatApi gigachat,
                             YandexArt yandex, PictureDrawer drawer) {
        this.server = server;
        this.threads = threads;
        this.oauth = oauth;
        this.gigachat = gigachat;
        this.yandex = yandex;
        this.drawer = drawer;
    }

    /** Starts both providers on {@code port} of 127.0.0.1 (0: any free port). */
    public static ProviderEmulator start(int port) {
        IssuedTokens tokens = new IssuedTokens();
        PictureDrawer drawer = new PictureDrawer();
        GigaChatOAuth oauth = new GigaChatOAuth(tokens);
        GigaChatApi gigachat = new GigaChatApi(tokens, drawer);
        YandexArt yandex = new YandexArt(drawer);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), BACKLOG);
        } catch (IOException e) {
            throw new UncheckedIOException("The provider emulator cannot listen on port " + port, e);
        }
        server.createContext(GigaChatOAuth.PATH, EmulatedCall.serving(oauth::handle));
        server.createContext(GigaChatApi.BASE_PATH + "/", EmulatedCall.serving(gigachat::handle));
        server.createContext(YandexArt.START_PATH, EmulatedCall.serving(yandex::start));
        server.createContext(YandexArt.OPERATIONS_PATH + "/", EmulatedCall.serving(yandex::poll));
        server.createContext("/", EmulatedCall.serving(call ->
                call.json(404, EmulatedCall.object().put("status", 404).put("message", "Not Found"))));
        ExecutorService threads = Executors.newCachedThreadPool(daemonThreads());
        server.setExecutor(threads);
        server.start();
        return new ProviderEmulator(server, threads, oauth, gigachat, yandex, drawer);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** For {@code GIGACHAT_OAUTH_URL}. */
    public String gigachatOAuthUrl() {
        return baseUrl() + GigaChatOAuth.PATH;
    }

    /** For {@code GIGACHAT_BASE_URL}. */
    public String gigachatBaseUrl() {
        return baseUrl() + GigaChatApi.BASE_PATH;
    }

    /** For {@code YC_BASE_URL}. */
    public String yandexBaseUrl() {
        return baseUrl();
    }

    /** For {@code YC_OPERATIONS_URL}. */
    public String yandexOperationsUrl() {
        return baseUrl() + YandexArt.OPERATIONS_PATH;
    }

    /**
     * The service's settings (environment variable names) that point both providers at this
     * emulator, with credentials it accepts and polls every 500 ms; callers add their own.
     */
    public Map<String, String> serviceSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("GIGACHAT_AUTH_KEY", GIGACHAT_AUTH_KEY);
        settings.put("GIGACHAT_OAUTH_URL", gigachatOAuthUrl());
        settings.put("GIGACHAT_BASE_URL", gigachatBaseUrl());
        settings.put("YC_FOLDER_ID", "b1gemulator");
        settings.put("YC_API_KEY", "emulator-key");
        settings.put("YC_BASE_URL", yandexBaseUrl());
        settings.put("YC_OPERATIONS_URL", yandexOperationsUrl());
        settings.put("YC_POLL_INTERVAL", "500ms");
        return settings;
    }

    /** OAuth requests received (GigaChat token fetches). */
    public int tokenFetches() {
        return oauth.fetches();
    }

    /** GigaChat chat requests received. */
    public int chats() {
        return gigachat.chats();
    }

    /** GigaChat file downloads received. */
    public int downloads() {
        return gigachat.downloads();
    }

    /** YandexART start requests received. */
    public int yandexStarts() {
        return yandex.starts();
    }

    /** YandexART operation polls received. */
    public int yandexPolls() {
        return yandex.polls();
    }

    /** How many polls of an operation started from now on answer "not done" before the image. */
    public ProviderEmulator pendingPolls(int polls) {
        yandex.pendingPolls(polls);
        return this;
    }

    /** Both providers answer these image bytes from now on instead of drawing (null: draw again). */
    public ProviderEmulator picture(byte[] jpeg) {
        drawer.fixed(jpeg);
        return this;
    }

    /**
     * From now on a GigaChat chat that draws answers after {@code latency}, and a YandexART
     * operation is done no sooner than {@code latency} after its start.
     */
    public ProviderEmulator latency(Duration latency) {
        gigachat.latency(latency);
        yandex.latency(latency);
        return this;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        threads.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "provider-emulator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
