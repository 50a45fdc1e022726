package ru.newsmed.imagegen.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;
import ru.newsmed.imagegen.emulator.ProviderEmulator;
import ru.newsmed.imagegen.support.GigaChatStub;

/**
 * The benchmark of the service's own cost (not part of {@code mvn verify}: {@code mvn -B -Pbenchmark
 * verify} packages the service and runs this class alone). It starts the packaged jar against the
 * {@link ProviderEmulator} serving real images, and measures:
 * <ol>
 *   <li>startup: launch to a healthy {@code /health}, three launches each of {@code java -jar},
 *   the extracted jar, the extracted jar with a class archive from one training run (the JDK's
 *   AOT cache on Java 25, AppCDS before), and that with {@code -XX:TieredStopAtLevel=1}, the
 *   README's fastest way; with the peak RSS of each launch by then;</li>
 *   <li>token: GigaChat OAuth fetches for 500 concurrent requests on a cold start;</li>
 *   <li>overhead: latency percentiles and throughput of {@code POST /generate} with zero-latency
 *   providers, for a 100 KB and the real 1.6 MB image at concurrency 1, 8 and 32, beside the same
 *   flow done by a bare {@link BareGigaChatFlow java.net.http client}, and their difference and ratio;</li>
 *   <li>scale: 500 concurrent requests with a 5 s drawing latency and the limits raised to 500, on
 *   a warmed-up service: wall time, peak live platform threads, peak used heap, peak RSS;</li>
 *   <li>memory: peak used heap and peak RSS with 50 concurrent YandexART answers of the 1.6 MB image.</li>
 * </ol>
 * Peak live platform threads is ThreadMXBean's peak count, which leaves virtual threads out (their
 * carriers are counted); peak RSS is the process's {@code VmHWM} since launch (start-up included).
 * It prints a table and writes the same figures to {@code target/benchmark/results.json}. The
 * targets are reported beside the figures, never asserted: only correctness is (every request
 * answered 200), since a benchmark whose requests fail measures nothing.
 *
 * <p>System properties (all optional): {@code benchmark.phases} (a comma list of {@code startup},
 * {@code token}, {@code overhead}, {@code scale}, {@code memory}; all by default),
 * {@code benchmark.requests} (measured requests per image
 * size and concurrency, 300), {@code benchmark.warmup} (requests to warm each side up per image
 * size, 1000; the scale phase warms up with twice that),
 * {@code benchmark.latency} (the scale phase's drawing latency, 5s), {@code benchmark.scale} (500),
 * {@code benchmark.memory} (50), {@code benchmark.serviceJvmOptions} (for the service's JVM, none),
 * {@code benchmark.launch} ({@code jar}: the other phases run {@code java -jar}; {@code fastest}:
 * they run the README's fastest way, the extracted jar with the class archive and C1 only),
 * {@code benchmark.jar}, {@code benchmark.image}.
 */
class ServiceBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String PROMPT = "Врач осматривает пациента в светлом кабинете";
    private static final int[] CONCURRENCY = {1, 8, 32};
    private static final int SMALL_IMAGE_BYTES = 100 * 1024;

    private static final double TARGET_OVERHEAD_MS = 5;
    private static final double TARGET_RATIO = 1.5;
    private static final double TARGET_SCALE_SECONDS = 7;
    private static final double TARGET_HEAP_MB = 512;
    private static final double TARGET_STARTUP_SECONDS = 4;
    private static final double TARGET_RSS_MB = 512;
    private static final int STARTS = 3;
    private static final List<String> ALL_PHASES = List.of("startup", "token", "overhead", "scale", "memory");
    /** Added to the class archive for the README's fastest start. */
    private static final List<String> FASTEST_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

    private final Path jar = Path.of(System.getProperty("benchmark.jar", "target/image-generation-routes-exec.jar"));
    private final Path work = Path.of("target", "benchmark");
    private final int requests = Integer.getInteger("benchmark.requests", 300);
    private final int warmup = Integer.getInteger("benchmark.warmup", 1000);
    private final int scale = Integer.getInteger("benchmark.scale", 500);
    private final int memoryConcurrency = Integer.getInteger("benchmark.memory", 50);
    private final Duration latency = Duration.parse("PT" + System.getProperty("benchmark.latency", "5s"));
    private final List<String> serviceJvmOptions =
            Arrays.stream(System.getProperty("benchmark.serviceJvmOptions", "").split("\\s+")).filter(s -> !s.isBlank()).toList();
    private final String launch = System.getProperty("benchmark.launch", "jar");
    private Path extracted;
    private ServiceProcess.ClassArchive archive;
    private final List<String> phases = Arrays.stream(System.getProperty("benchmark.phases", String.join(",", ALL_PHASES))
            .split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final List<String> report = new ArrayList<>();

    @Test
    void measuresTheServiceOwnCost() throws Exception {
        assertThat(jar).as("the packaged service (mvn package)").exists();
        assertThat(ALL_PHASES).as("benchmark.phases").containsAll(phases);
        assertThat(List.of("jar", "fastest")).as("benchmark.launch").contains(launch);
        String image = System.getProperty("benchmark.image");
        byte[] large = image == null ? GigaChatStub.realImage() : Files.readAllBytes(Path.of(image));
        byte[] small = reencodedUnder(large, SMALL_IMAGE_BYTES);
        deleteTree(work);
        results.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "java", System.getProperty("java.version"), "service_jvm_options", serviceJvmOptions,
                "phases", phases, "launch", launch));
        List<Started> javaJar = new ArrayList<>();
        try (ProviderEmulator emulator = ProviderEmulator.start(0)) {
            if (phases.contains("token") || phases.contains("overhead")) {
                try (ServiceProcess service = launch(emulator, "overhead")) {
                    javaJar.add(started(service));
                    if (phases.contains("token")) {
                        tokenFetchesOnColdStart(emulator, service, small);
                    }
                    if (phases.contains("overhead")) {
                        overhead(emulator, service, small, large);
                    }
                }
            }
            if (phases.contains("scale")) {
                try (ServiceProcess service = launch(emulator, "scale")) {
                    javaJar.add(started(service));
                    scale(emulator, service, small);
                }
            }
            if (phases.contains("memory")) {
                try (ServiceProcess service = launch(emulator, "memory")) {
                    javaJar.add(started(service));
                    memory(emulator, service, large);
                }
            }
            if (phases.contains("startup")) {
                startup(emulator, javaJar);
            }
        }
        Files.createDirectories(work);
        Files.write(work.resolve("results.json"), JSON.writeValueAsBytes(results));
        line("Figures also in " + work.resolve("results.json"));
        System.out.println(System.lineSeparator() + "=== Benchmark results ===" + System.lineSeparator()
                + String.join(System.lineSeparator(), report));
    }

    private void tokenFetchesOnColdStart(ProviderEmulator emulator, ServiceProcess service, byte[] image) throws Exception {
        emulator.picture(image).latency(Duration.ZERO);
        int before = emulator.tokenFetches();
        Load.Result cold = Load.run(scale, scale, () -> generate(service, "gigachat"));
        int fetches = emulator.tokenFetches() - before;
        assertAllAnswered(cold, scale, "cold start");
        results.put("token", Map.of("concurrent_cold_requests", scale, "oauth_fetches", fetches, "target", 1));
        line(String.format("Token: %d concurrent requests on a cold start made %d OAuth fetch(es)   target exactly 1: %s",
                scale, fetches, verdict(fetches == 1)));
        clearStored(service);
    }

    private void overhead(ProviderEmulator emulator, ServiceProcess service, byte[] small, byte[] large) throws Exception {
        BareGigaChatFlow bare = new BareGigaChatFlow(emulator.gigachatOAuthUrl(), emulator.gigachatBaseUrl(),
                work.resolve("bare"));
        bare.fetchToken(ProviderEmulator.GIGACHAT_AUTH_KEY);
        List<Map<String, Object>> rows = new ArrayList<>();
        line("");
        line("Overhead, zero-latency providers, GigaChat flow, " + requests + " requests each (latency ms: p50 / p95 / p99)");
        line(String.format("%-8s %4s | %-23s %7s %7s | %-23s %7s | %-23s %6s",
                "image", "conc", "service", "gen/s", "cpu ms", "bare java.net.http", "gen/s", "overhead (service-bare)", "ratio"));
        for (byte[] image : List.of(small, large)) {
            emulator.picture(image);
            // Until the JIT has compiled the hot paths, its compiler threads take a core of the two.
            assertAllAnswered(Load.run(8, warmup, () -> generate(service, "gigachat")), warmup, "service warm-up");
            assertAllAnswered(Load.run(8, warmup, () -> bare.draw(PROMPT)), warmup, "bare warm-up");
            clearStored(service);
            for (int concurrency : CONCURRENCY) {
                long cpuBefore = service.cpuNanos();
                Load.Result served = Load.run(concurrency, requests, () -> generate(service, "gigachat"));
                double cpuMillis = (service.cpuNanos() - cpuBefore) / 1e6 / requests;
                clearStored(service);
                Load.Result baseline = Load.run(concurrency, requests, () -> bare.draw(PROMPT));
                deleteTree(work.resolve("bare"));
                Files.createDirectories(work.resolve("bare"));
                assertAllAnswered(served, requests, "service");
                assertAllAnswered(baseline, requests, "bare");
                rows.add(overheadRow(image.length, concurrency, served, baseline, cpuMillis));
            }
        }
        results.put("overhead", rows);
    }

    private Map<String, Object> overheadRow(int imageBytes, int concurrency, Load.Result served, Load.Result baseline,
                                            double serviceCpuMillis) {
        double[] service = percentiles(served);
        double[] bare = percentiles(baseline);
        double[] overhead = {service[0] - bare[0], service[1] - bare[1], service[2] - bare[2]};
        double ratio = service[0] / bare[0];
        line(String.format("%-8s %4d | %-23s %7.0f %7.2f | %-23s %7.0f | %-23s %6.2f   %s",
                size(imageBytes), concurrency, triple(service), served.throughput(), serviceCpuMillis, triple(bare),
                baseline.throughput(),
                triple(overhead), ratio, verdict(overhead[0] <= TARGET_OVERHEAD_MS && ratio <= TARGET_RATIO)));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("image_bytes", imageBytes);
        row.put("concurrency", concurrency);
        row.put("service_ms", Map.of("p50", service[0], "p95", service[1], "p99", service[2]));
        row.put("service_generations_per_s", served.throughput());
        row.put("service_cpu_ms_per_generation", serviceCpuMillis);
        row.put("bare_ms", Map.of("p50", bare[0], "p95", bare[1], "p99", bare[2]));
        row.put("bare_generations_per_s", baseline.throughput());
        row.put("overhead_ms", Map.of("p50", overhead[0], "p95", overhead[1], "p99", overhead[2]));
        row.put("ratio_p50", ratio);
        row.put("targets", Map.of("overhead_p50_ms", TARGET_OVERHEAD_MS, "ratio", TARGET_RATIO));
        return row;
    }

    private void scale(ProviderEmulator emulator, ServiceProcess service, byte[] image) throws Exception {
        emulator.picture(image).latency(Duration.ZERO);
        assertAllAnswered(Load.run(32, warmup * 2, () -> generate(service, "gigachat")), warmup * 2, "scale warm-up");
        clearStored(service);
        emulator.latency(latency);
        Load.Result[] run = new Load.Result[1];
        ServiceProcess.Usage usage = service.watch(() -> run[0] = Load.run(scale, scale, () -> generate(service, "gigachat")));
        emulator.latency(Duration.ZERO);
        assertAllAnswered(run[0], scale, "scale");
        results.put("scale", Map.of("concurrent_requests", scale, "provider_latency_s", seconds(latency),
                "wall_s", run[0].wallSeconds(), "peak_live_platform_threads", usage.peakPlatformThreads(),
                "peak_heap_mb", usage.peakHeapMegabytes(), "peak_rss_mb", usage.peakRssMegabytes(),
                "service_cpu_ms_per_generation", usage.cpuMillisPer(scale),
                "targets", Map.of("wall_s", TARGET_SCALE_SECONDS, "heap_mb", TARGET_HEAP_MB, "rss_mb", TARGET_RSS_MB)));
        line("");
        line(String.format("Scale: %d concurrent requests, %.1f s drawing latency: wall %.2f s, peak live platform threads %d,"
                        + " peak heap %.0f MB, peak RSS %.0f MB, service CPU %.1f ms a generation"
                        + "   targets wall <= %.0f s, heap < %.0f MB, RSS <= %.0f MB: %s",
                scale, seconds(latency), run[0].wallSeconds(), usage.peakPlatformThreads(), usage.peakHeapMegabytes(),
                usage.peakRssMegabytes(), usage.cpuMillisPer(scale), TARGET_SCALE_SECONDS, TARGET_HEAP_MB, TARGET_RSS_MB,
                verdict(run[0].wallSeconds() <= TARGET_SCALE_SECONDS && usage.peakHeapMegabytes() < TARGET_HEAP_MB
                        && usage.peakRssMegabytes() <= TARGET_RSS_MB)));
        clearStored(service);
    }

    private void memory(ProviderEmulator emulator, ServiceProcess service, byte[] image) throws Exception {
        emulator.picture(image).latency(Duration.ZERO).pendingPolls(1);
        assertAllAnswered(Load.run(4, 8, () -> generate(service, "yandex")), 8, "memory warm-up");
        clearStored(service);
        Load.Result[] run = new Load.Result[1];
        ServiceProcess.Usage usage = service.watch(() ->
                run[0] = Load.run(memoryConcurrency, memoryConcurrency, () -> generate(service, "yandex")));
        emulator.pendingPolls(2);
        assertAllAnswered(run[0], memoryConcurrency, "memory");
        results.put("memory", Map.of("concurrent_yandex_answers", memoryConcurrency, "image_bytes", image.length,
                "peak_heap_mb", usage.peakHeapMegabytes(), "peak_rss_mb", usage.peakRssMegabytes(),
                "peak_live_platform_threads", usage.peakPlatformThreads(), "wall_s", run[0].wallSeconds(),
                "targets", Map.of("rss_mb", TARGET_RSS_MB)));
        line(String.format("Memory: %d concurrent YandexART answers of %s (base64 in JSON): peak heap %.0f MB,"
                        + " peak RSS %.0f MB, peak live platform threads %d, wall %.2f s   target RSS <= %.0f MB: %s",
                memoryConcurrency, size(image.length), usage.peakHeapMegabytes(), usage.peakRssMegabytes(),
                usage.peakPlatformThreads(), run[0].wallSeconds(), TARGET_RSS_MB,
                verdict(usage.peakRssMegabytes() <= TARGET_RSS_MB)));
        clearStored(service);
    }

    /**
     * Launch to a healthy /health, three times each: {@code java -jar}, the extracted jar, the
     * extracted jar with a class archive from one training run (the AOT cache on Java 25, AppCDS
     * before), and that with the C1 compiler only (the README's fastest way). The other phases'
     * launches count for the way they were launched ({@code benchmark.launch}), topped up to three.
     * The service's JVM options come first in each.
     */
    private void startup(ProviderEmulator emulator, List<Started> others) throws Exception {
        prepareFastest(emulator);
        List<Map<String, Object>> variants = new ArrayList<>();
        line("");
        line(String.format("Start-up to a healthy /health, %d launches each (service JVM options: %s)", STARTS,
                serviceJvmOptions.isEmpty() ? "none" : String.join(" ", serviceJvmOptions)));
        variants.add(startupRow("java -jar (fat jar)", List.of(),
                starts(emulator, jar, "startup-jar", List.of(), launch.equals("jar") ? others : List.of())));
        variants.add(startupRow("extracted jar", List.of(), starts(emulator, extracted, "extracted", List.of(), List.of())));
        variants.add(startupRow("extracted jar, " + archive.kind(), archive.jvmOptions(),
                starts(emulator, extracted, "archive", archive.jvmOptions(), List.of())));
        variants.add(startupRow("extracted jar, " + archive.kind() + ", " + String.join(" ", FASTEST_OPTIONS),
                fastestOptions(), starts(emulator, extracted, "fastest", fastestOptions(),
                        launch.equals("fastest") ? others : List.of())));
        results.put("startup", Map.of("variants", variants, "target_s", TARGET_STARTUP_SECONDS));
    }

    /** {@code already} topped up to {@link #STARTS} launches of {@code launched} with {@code options}. */
    private List<Started> starts(ProviderEmulator emulator, Path launched, String name, List<String> options,
                                 List<Started> already) throws Exception {
        List<Started> starts = new ArrayList<>(already);
        while (starts.size() < STARTS) {
            try (ServiceProcess service = ServiceProcess.launch(launched, work.resolve(name + "-" + starts.size()),
                    settings(emulator), concat(serviceJvmOptions, options))) {
                starts.add(started(service));
            }
        }
        return starts;
    }

    private Map<String, Object> startupRow(String name, List<String> options, List<Started> starts) {
        List<Double> times = starts.stream().map(Started::seconds).toList();
        List<Double> rss = starts.stream().map(Started::peakRssMegabytes).toList();
        double median = median(times);
        line(String.format("  %-62s %s s, median %.2f s, peak RSS median %.0f MB   target < %.0f s: %s", name,
                seconds(times), median, median(rss), TARGET_STARTUP_SECONDS, verdict(median < TARGET_STARTUP_SECONDS)));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("variant", name);
        row.put("jvm_options", concat(serviceJvmOptions, options));
        row.put("seconds", times);
        row.put("median_s", median);
        row.put("peak_rss_mb", rss);
        return row;
    }

    /** Waits for a healthy /health; the time since launch and the peak RSS by then. */
    private static Started started(ServiceProcess service) throws Exception {
        double seconds = seconds(service.awaitHealthy(Duration.ofSeconds(60)));
        return new Started(seconds, ServiceProcess.megabytes(service.peakRssBytes()));
    }

    /** One launch: seconds to a healthy /health, peak RSS (MB) by then. */
    private record Started(double seconds, double peakRssMegabytes) {
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static List<String> seconds(List<Double> values) {
        return values.stream().map(value -> String.format("%.2f", value)).toList();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /**
     * The service for a phase: {@code java -jar} with the service's JVM options, or with
     * {@code benchmark.launch=fastest} the README's fastest way (the extracted jar, the class
     * archive and {@link #FASTEST_OPTIONS}) after them.
     */
    private ServiceProcess launch(ProviderEmulator emulator, String name) throws Exception {
        if (launch.equals("jar")) {
            return ServiceProcess.launch(jar, work.resolve(name), settings(emulator), serviceJvmOptions);
        }
        prepareFastest(emulator);
        return ServiceProcess.launch(extracted, work.resolve(name), settings(emulator),
                concat(serviceJvmOptions, fastestOptions()));
    }

    /** Extracts the jar and trains its class archive, once. */
    private void prepareFastest(ProviderEmulator emulator) throws Exception {
        if (extracted == null) {
            extracted = ServiceProcess.extract(jar, work.resolve("extracted"));
            archive = ServiceProcess.trainClassArchive(extracted, work.resolve("extracted"), settings(emulator),
                    serviceJvmOptions);
        }
    }

    private List<String> fastestOptions() {
        return concat(archive.jvmOptions(), FASTEST_OPTIONS);
    }

    private static Map<String, String> settings(ProviderEmulator emulator) {
        Map<String, String> settings = emulator.serviceSettings();
        settings.put("YC_POLL_INTERVAL", "100ms");
        // The limits raised to 500, as the scale figure asks.
        settings.put("GIGACHAT_MAX_CONCURRENT", "500");
        settings.put("YC_MAX_CONCURRENT", "500");
        settings.put("IMAGE_MAX_IN_FLIGHT", "500");
        settings.put("IMAGE_HTTP_MAX_CONNECTIONS", "500");
        settings.put("IMAGE_FALLBACK_ENABLED", "false");
        settings.put("IMAGE_SHUTDOWN_TIMEOUT", "5");
        return settings;
    }

    private String generate(ServiceProcess service, String provider) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/image-generation/generate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"" + PROMPT + "\", \"provider\": \"" + provider + "\"}"))
                .build();
        return String.valueOf(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    /** A line of the report, printed at once (so a long run shows its progress) and again at the end. */
    private void line(String text) {
        System.out.println(text);
        report.add(text);
    }

    private static void assertAllAnswered(Load.Result result, int expected, String what) {
        assertThat(result.failures()).as(what + ": requests not answered 200").isEmpty();
        assertThat(result.successes()).as(what).isEqualTo(expected);
    }

    /** Removes the stored images between runs, so that gigabytes do not pile up on the disk. */
    private void clearStored(ServiceProcess service) throws IOException {
        try (Stream<Path> folders = Files.list(work)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                Path images = folder.resolve("storage").resolve("images");
                if (Files.isDirectory(images)) {
                    deleteTree(images);
                    Files.createDirectories(images);
                }
            }
        }
    }

    /** The image re-encoded as JPEG at the highest quality that keeps it under {@code limit} bytes. */
    private static byte[] reencodedUnder(byte[] jpeg, int limit) throws IOException {
        var picture = ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
        for (float quality = 0.95f; quality > 0.05f; quality -= 0.05f) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
            ImageWriter writer = writers.next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(null, new IIOImage(picture, null, null), param);
            } finally {
                writer.dispose();
            }
            if (out.size() <= limit) {
                return out.toByteArray();
            }
        }
        throw new IllegalStateException("Cannot re-encode the image under " + limit + " bytes");
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static double[] percentiles(Load.Result result) {
        return new double[]{result.percentileMillis(0.5), result.percentileMillis(0.95), result.percentileMillis(0.99)};
    }

    private static String triple(double[] values) {
        return String.format("%6.2f / %6.2f / %6.2f", values[0], values[1], values[2]);
    }

    private static String size(int bytes) {
        return bytes >= 1024 * 1024 ? String.format("%.1f MB", bytes / (1024.0 * 1024.0)) : (bytes / 1024) + " KB";
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static String verdict(boolean met) {
        return met ? "met" : "MISSED";
    }
}
