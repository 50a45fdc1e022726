package ru.newsmed.imagegen.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code java -jar}, on the test JVM's own java) in a process of its own, in
 * a working folder of its own (its output goes to {@code service.log} there), on a free port, with
 * the settings given as environment variables (none of the service's inherited), as an operator
 * would run it. It is stopped as an orchestrator does ({@link #close}) or killed as a crash does
 * ({@link #kill}).
 */
public final class PackagedService implements AutoCloseable {

    private static final String HEALTH = "/api/image-generation/health";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final long launchedNanos;
    private final int port;
    private final Path log;

    private PackagedService(Process process, long launchedNanos, int port, Path log) {
        this.process = process;
        this.launchedNanos = launchedNanos;
        this.port = port;
        this.log = log;
    }

    /** The service jar the build made (failsafe's system property {@code exec.jar}, set by mvn verify). */
    public static Path execJar() {
        return Path.of(System.getProperty("exec.jar", "target/image-generation-routes-exec.jar"));
    }

    /** Starts {@code java [jvmOptions] -jar jar} in {@code folder} with {@code settings} added to the environment. */
    public static PackagedService launch(Path jar, Path folder, Map<String, String> settings, List<String> jvmOptions)
            throws IOException {
        Files.createDirectories(folder);
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        // Only the settings given: none the test JVM happens to inherit (IMAGE_API_KEY in a shell) counts.
        builder.environment().keySet().removeIf(name -> name.matches("(IMAGE|GIGACHAT|YC)_.*"));
        builder.environment().putAll(settings);
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        builder.environment().put("IMAGE_SERVICE_PUBLIC_BASE_URL", "http://127.0.0.1:" + port + "/images");
        Path log = folder.resolve("service.log");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        long launched = System.nanoTime();
        Process process = builder.start();
        // Never outlives the test JVM, whatever ends it.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "imagegen-service-" + process.pid() + "-stop"));
        return new PackagedService(process, launched, port, log);
    }

    /** The java of the running JVM. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A TCP port of 127.0.0.1 nobody listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Waits for {@code /health} to answer 200; returns the time from launch to that answer. */
    public Duration awaitHealthy(Duration atMost) throws IOException, InterruptedException {
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + HEALTH)).timeout(Duration.ofSeconds(2)).build();
        long deadline = launchedNanos + atMost.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service stopped while starting; see " + log);
            }
            try {
                if (CLIENT.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - launchedNanos);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("The service was not healthy within " + atMost + "; see " + log);
    }

    /** A crash: SIGKILL (on Linux), no shutdown hook runs; returns once the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The service (pid " + process.pid() + ") outlived SIGKILL by 30 s");
        }
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return CLIENT.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST of {@code json}, with header name-value pairs. */
    public HttpResponse<String> post(String path, String json, String... headers) throws IOException, InterruptedException {
        return CLIENT.send(postRequest(path, json, headers), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST of {@code json} whose answer is awaited later (or never, when the service dies first). */
    public CompletableFuture<HttpResponse<String>> postAsync(String path, String json, String... headers) {
        return CLIENT.sendAsync(postRequest(path, json, headers), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest postRequest(String path, String json, String... headers) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(90));
    }

    /** Stops the service as an orchestrator would (SIGTERM, then SIGKILL after 30 s). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
