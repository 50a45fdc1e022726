package ru.newsmed.imagegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.statistics.Statistics;
import org.awaitility.Awaitility;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jms.core.JmsTemplate;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.TestCertificates;
import ru.newsmed.imagegen.support.TestDatabases;
import ru.newsmed.imagegen.support.TestImages;
import ru.newsmed.imagegen.support.YandexStub;

/**
 * Input fuzzing, property-based (jqwik): random JSON, strings, unicode (surrogate pairs, lone
 * surrogates, control characters), huge and negative numbers and wrong types thrown at
 * {@code POST /generate} and {@code /upload}, the watched folder and JMS request/reply. Whatever
 * comes in, the answer is one the contract names, in its error shape, never a 500; a request that
 * is valid draws; every file dropped in the folder ends exactly once in {@code .done} or
 * {@code .error} with its answer beside it and its bytes kept; every JMS message gets a reply; an
 * upload is stored only when it is a whole JPEG or PNG (magic bytes followed by noise are refused).
 *
 * <p>The service runs once for all tries of all properties, in an application of its own (jqwik
 * does not drive Spring's test context), started on first use and closed after the class;
 * GigaChat and YandexART (WireMock) draw every request. The tries are capped so that the class
 * takes well under half a minute.
 */
class InputFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String QUEUE = "image.generate.request";
    private static final int MAX_BODY = 64 * 1024;
    private static final int UPLOAD_LIMIT = 32 * 1024;
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /** The image in a second part "file", when there is one. */
    private static final byte[] SECOND_PNG = TestImages.png(8, 8);
    private static final Set<String> FIELDS = Set.of("prompt", "width_ratio", "height_ratio", "seed", "provider",
            "style_instructions");
    /** The contract's error codes by HTTP status, for the answers these inputs may get. */
    private static final Map<Integer, Set<String>> ERRORS = Map.of(
            400, Set.of("invalid_request"),
            413, Set.of("too_large"),
            415, Set.of("unsupported_media_type"),
            422, Set.of("content_refused"),
            502, Set.of("provider_failed", "storage_failed"),
            503, Set.of("provider_unavailable"),
            504, Set.of("timeout"));
    private static final Set<Integer> GENERATE_STATUSES = Set.of(200, 400, 413, 415, 422, 502, 503, 504);
    private static final Set<Integer> UPLOAD_STATUSES = Set.of(200, 400, 413, 415, 502);

    private static ConfigurableApplicationContext service;
    private static int port;
    private static Path storage;
    private static Path inbox;
    private static JmsTemplate jms;

    // ------------------------------------------------------------------ the service, once

    /** Starts the service on first use; each property then finds both providers drawing. */
    @BeforeProperty
    void serviceRunningAndProvidersDrawing() {
        startServiceOnce();
        GigaChatStub.server().resetAll();
        YandexStub.server().resetAll();
        GigaChatStub.stubDrawing(UUID.randomUUID().toString(), GigaChatStub.smallJpeg());
        YandexStub.stubDrawing("fbv-fuzz", 0, GigaChatStub.smallJpeg());
    }

    @AfterContainer
    static void stopService() {
        if (service != null) {
            service.close();
            service = null;
        }
    }

    private static synchronized void startServiceOnce() {
        if (service != null) {
            return;
        }
        Path run = Path.of("target", "test-fuzz", UUID.randomUUID().toString()).toAbsolutePath();
        storage = run.resolve("storage");
        inbox = run.resolve("inbox");
        // Command-line arguments: they win over anything the environment may hold.
        service = new SpringApplicationBuilder(ImageGenerationApplication.class).run(
                "--SERVER_PORT=0",
                "--IMAGE_STORAGE_DIR=" + storage,
                "--IMAGE_DB_URL=" + TestDatabases.h2(storage.getParent()),
                "--IMAGE_INBOX_DIR=" + inbox,
                "--IMAGE_INBOX_STABLE_MS=300",
                "--IMAGE_INBOX_POLL_MS=100",
                "--IMAGE_INBOX_CONCURRENCY=4",
                "--IMAGE_REQUEST_TIMEOUT=20",
                "--IMAGE_UPLOAD_MAX_BYTES=" + UPLOAD_LIMIT,
                "--IMAGE_RETRY_INITIAL_DELAY_MS=50",
                "--IMAGE_RETRY_MAX_DELAY_MS=200",
                "--IMAGE_RETRY_AFTER_MAX=3",
                "--GIGACHAT_AUTH_KEY=" + GigaChatStub.AUTH_KEY,
                "--GIGACHAT_CA_BUNDLE=" + TestCertificates.caBundle(),
                "--GIGACHAT_OAUTH_URL=" + GigaChatStub.httpsUrl(GigaChatStub.OAUTH_PATH),
                "--GIGACHAT_BASE_URL=" + GigaChatStub.httpsUrl("/api/v1"),
                "--GIGACHAT_CLIENT_ID=" + GigaChatStub.CLIENT_ID,
                "--GIGACHAT_MAX_CONCURRENT=4",
                "--GIGACHAT_QUEUE_TIMEOUT=5",
                "--GIGACHAT_REQUEST_TIMEOUT=10",
                "--GIGACHAT_MAX_RETRIES=2",
                "--YC_FOLDER_ID=" + YandexStub.FOLDER_ID,
                "--YC_API_KEY=" + YandexStub.API_KEY,
                "--YC_BASE_URL=" + YandexStub.url(""),
                "--YC_OPERATIONS_URL=" + YandexStub.url(YandexStub.OPERATIONS_PATH),
                "--YC_POLL_INTERVAL=50ms",
                "--YC_GENERATION_TIMEOUT=10",
                "--YC_REQUEST_TIMEOUT=10",
                "--YC_MAX_CONCURRENT=4",
                "--YC_QUEUE_TIMEOUT=5",
                "--YC_MAX_RETRIES=2");
        port = Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
        jms = new JmsTemplate(service.getBean(ConnectionFactory.class));
        jms.setReceiveTimeout(20_000);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> get("/actuator/health/readiness").statusCode() == 200);
    }

    // ------------------------------------------------------------------ POST /generate

    /** Anything at all as the body, under any Content-Type: the contract's answer, never a 500. */
    @Property(tries = 100)
    void generateAnswersAnyBodyAsTheContractSays(@ForAll("generateRequests") HttpBody request) throws Exception {
        HttpResponse<String> response = post("/api/image-generation/generate", request.contentType(), request.body());

        Statistics.label("status").collect(response.statusCode());
        JsonNode body = contractAnswer(response.statusCode(), response.body(), GENERATE_STATUSES);
        if (response.statusCode() == 200) {
            assertThat(storage.resolve(body.path("image_id").asText() + ".jpeg")).isRegularFile();
        }
    }

    /** A request whose every field is within the contract (any unicode prompt) is drawn. */
    @Property(tries = 25)
    void generateDrawsEveryValidRequest(@ForAll("validGenerateRequests") HttpBody request) throws Exception {
        HttpResponse<String> response = post("/api/image-generation/generate", request.contentType(), request.body());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = contractAnswer(200, response.body(), GENERATE_STATUSES);
        assertThat(storage.resolve(body.path("image_id").asText() + ".jpeg")).isRegularFile();
        JsonNode provider = JSON.readTree(request.body()).path("provider");
        if (provider.isTextual() && !provider.textValue().equals("both")) {
            assertThat(body.path("provider").asText()).isEqualTo(provider.textValue());
        }
        if (provider.isTextual() && provider.textValue().equals("both")) {
            assertThat(body.path("comparison").isObject()).as(response.body()).isTrue();
        }
    }

    @Provide
    Arbitrary<HttpBody> generateRequests() {
        Arbitrary<byte[]> bodies = Arbitraries.frequencyOf(
                Tuple.of(8, requestObjects().map(InputFuzzTest::utf8)),
                Tuple.of(1, jsonValues(2).map(InputFuzzTest::utf8)),
                Tuple.of(1, texts().map(InputFuzzTest::utf8)),
                Tuple.of(1, Arbitraries.bytes().list().ofMaxSize(300).map(InputFuzzTest::bytes)),
                Tuple.of(1, Combinators.combine(requestObjects(), Arbitraries.integers().between(0, 99))
                        .as((json, percent) -> utf8(json.substring(0, json.length() * percent / 100)))),
                Tuple.of(1, Arbitraries.integers().between(MAX_BODY - 200, MAX_BODY + 5000)
                        .map(size -> utf8(padded(size)))));
        return Combinators.combine(contentTypes(), bodies).as(HttpBody::new);
    }

    @Provide
    Arbitrary<HttpBody> validGenerateRequests() {
        return Combinators.combine(
                        Arbitraries.of("application/json", "application/json; charset=UTF-8", "Application/JSON"),
                        validRequestObjects().map(InputFuzzTest::utf8))
                .as(HttpBody::new);
    }

    /** A JSON object with the request's fields (each maybe absent, valid or of any type) and unknown ones. */
    private Arbitrary<String> requestObjects() {
        Arbitrary<String> ratio = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("1", "2")),
                Tuple.of(3, numbers()),
                Tuple.of(1, quoted(Arbitraries.oneOf(numbers(), texts()))),
                Tuple.of(1, jsonValues(1)));
        Arbitrary<String> seed = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.longs().between(0, Long.MAX_VALUE).map(String::valueOf)),
                Tuple.of(2, quoted(Arbitraries.longs().between(0, Long.MAX_VALUE).map(String::valueOf))),
                Tuple.of(3, numbers()),
                Tuple.of(1, quoted(Arbitraries.oneOf(numbers(), texts(),
                        Arbitraries.of("", "-5", "+5", " 7", "7 ", "0x10", "١٢٣", "00000000000000000000001")))),
                Tuple.of(1, jsonValues(1)));
        Arbitrary<String> provider = Arbitraries.frequencyOf(
                Tuple.of(3, quoted(Arbitraries.of("gigachat", "yandex", "both"))),
                Tuple.of(1, quoted(Arbitraries.of(" Yandex ", "BOTH", "GigaChat", "dalle", "", "gigachat\u0000",
                        "yandex\u200B", "ｙａｎｄｅｘ"))),
                Tuple.of(1, quoted(texts())),
                Tuple.of(1, jsonValues(1)));
        Arbitrary<String> style = Arbitraries.frequencyOf(
                Tuple.of(3, quoted(Arbitraries.oneOf(texts(), Arbitraries.strings().all().ofMinLength(480).ofMaxLength(600)))),
                Tuple.of(1, jsonValues(1)));
        Arbitrary<String> prompt = Arbitraries.frequencyOf(
                Tuple.of(6, quoted(prompts())),
                Tuple.of(1, jsonValues(1)));
        return Combinators.combine(
                        member("prompt", prompt, 10),
                        member("width_ratio", ratio, 1),
                        member("height_ratio", ratio, 1),
                        member("seed", seed, 1),
                        member("provider", provider, 1),
                        member("style_instructions", style, 1),
                        unknownMembers(texts()))
                .as(InputFuzzTest::object);
    }

    /** A JSON object with only values the contract accepts (and unknown fields, which it ignores). */
    private Arbitrary<String> validRequestObjects() {
        Arbitrary<String> validPrompt = prompts()
                .map(InputFuzzTest::asSent)
                .filter(text -> !asDrawn(text).isEmpty() && codePoints(asDrawn(text)) <= 1000);
        Arbitrary<String> ratio = Arbitraries.of("1", "2", "null");
        Arbitrary<String> seed = Arbitraries.oneOf(
                Arbitraries.longs().between(0, Long.MAX_VALUE).map(String::valueOf),
                quoted(Arbitraries.longs().between(0, Long.MAX_VALUE).map(String::valueOf)),
                Arbitraries.just("null"));
        Arbitrary<String> provider = Arbitraries.of("\"gigachat\"", "\"yandex\"", "\"both\"", "null");
        Arbitrary<String> style = quoted(Arbitraries.strings().all().ofMaxLength(600)
                .map(InputFuzzTest::asSent)
                .filter(text -> codePoints(asDrawn(text)) <= 500));
        Arbitrary<String> unknownName = texts().filter(name -> !FIELDS.contains(asSent(name)));
        return Combinators.combine(
                        member("prompt", quoted(validPrompt), 0),
                        member("width_ratio", ratio, 1),
                        member("height_ratio", ratio, 1),
                        member("seed", seed, 1),
                        member("provider", provider, 1),
                        member("style_instructions", style, 1),
                        unknownMembers(unknownName))
                .as(InputFuzzTest::object);
    }

    /** Prompts: any UTF-16 (lone surrogates too), words, blanks, emoji, control characters, the long ones. */
    private static Arbitrary<String> prompts() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().all().ofMaxLength(60)),
                Tuple.of(3, words()),
                Tuple.of(1, Arbitraries.strings().withChars(" \t\n\r\u000B\f\u00A0\u2003\u3000\u200B\uFEFF").ofMaxLength(12)),
                Tuple.of(1, codePointStrings(0x1F300, 0x1FAFF, 40)),
                Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\u001F').withChars("\u007F\u0085\u2028\u2029").ofMaxLength(20)),
                Tuple.of(1, Arbitraries.strings().withCharRange('а', 'я').withChars(" ,.").ofMinLength(950).ofMaxLength(2000)),
                Tuple.of(1, codePointStrings(0x10000, 0x10FFFF, 1001)),
                Tuple.of(1, Arbitraries.of("cartoon anime", "мультяшный, 3D", "иллюстрация.", "3D 3D 3D", "*", "\\", "\"")));
    }

    private static Arbitrary<String> words() {
        return Arbitraries.strings().withCharRange('а', 'я').withCharRange('a', 'z').withChars("ёЁ -,.!?0123456789")
                .ofMinLength(1).ofMaxLength(80);
    }

    /** Short strings of every kind, for values of the wrong type, keys and the like. */
    private static Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.strings().ascii().ofMaxLength(30),
                words(),
                Arbitraries.of("", " ", "null", "true", "1", "2", "-1", "1.5", "NaN", "Infinity", "{}", "[]",
                        "prompt", "width_ratio", "seed", "\u0000", "\uD800", "\uDFFF", "😀"));
    }

    /** JSON numbers: small, int, long, huge, negative, fractional, exponents, out of double's range. */
    private static Arbitrary<String> numbers() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.integers().between(-3, 5).map(String::valueOf)),
                Tuple.of(2, Arbitraries.integers().map(String::valueOf)),
                Tuple.of(2, Arbitraries.longs().map(String::valueOf)),
                Tuple.of(2, Arbitraries.bigIntegers().between(BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40))
                        .map(BigInteger::toString)),
                Tuple.of(2, Arbitraries.of("9223372036854775807", "9223372036854775808", "-9223372036854775808",
                        "-9223372036854775809", "18446744073709551616", "2147483647", "2147483648", "-2147483649",
                        "0", "-0", "1.0", "2.0", "1e0", "2E0", "1E2", "0.5", "-1.5", "1.5", "1e400", "-1e400", "1e-400",
                        "123456789012345678901234567890.5", "1" + "0".repeat(400))),
                Tuple.of(1, Arbitraries.doubles().map(String::valueOf)),
                Tuple.of(1, Arbitraries.floats().map(String::valueOf)));
    }

    /** Any JSON value up to {@code depth} levels of arrays and objects. */
    private static Arbitrary<String> jsonValues(int depth) {
        Arbitrary<String> leaf = Arbitraries.oneOf(numbers(), quoted(texts()), Arbitraries.of("true", "false", "null"));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<String> inner = jsonValues(depth - 1);
        return Arbitraries.frequencyOf(
                Tuple.of(4, leaf),
                Tuple.of(1, inner.list().ofMaxSize(4).map(items -> "[" + String.join(", ", items) + "]")),
                Tuple.of(1, members(texts(), inner, 4).map(members -> "{" + String.join(", ", members) + "}")));
    }

    /**
     * Up to {@code max} members {@code "name": value}, no name twice as the service reads it (a JSON
     * object with a key given twice is refused as a whole).
     */
    private static Arbitrary<List<String>> members(Arbitrary<String> names, Arbitrary<String> values, int max) {
        return Combinators.combine(names, values).as(Tuple::of).list().ofMaxSize(max)
                .uniqueElements(member -> asSent(member.get1()))
                .map(members -> members.stream().map(member -> quote(member.get1()) + ": " + member.get2()).toList());
    }

    /** A member {@code "name": value}, or "" (absent) with weight {@code absentWeight} against 4 (never when 0). */
    private static Arbitrary<String> member(String name, Arbitrary<String> value, int absentWeight) {
        Arbitrary<String> present = value.map(json -> "\"" + name + "\": " + json);
        return absentWeight == 0 ? present
                : Arbitraries.frequencyOf(Tuple.of(absentWeight, Arbitraries.just("")), Tuple.of(4, present));
    }

    private static Arbitrary<List<String>> unknownMembers(Arbitrary<String> names) {
        return members(names, jsonValues(1), 3);
    }

    private static String object(String a, String b, String c, String d, String e, String f, List<String> unknown) {
        List<String> members = new ArrayList<>(unknown);
        for (String member : List.of(a, b, c, d, e, f)) {
            if (!member.isEmpty()) {
                members.add(member);
            }
        }
        return "{" + String.join(", ", members) + "}";
    }

    private static String padded(int size) {
        String start = "{\"prompt\": \"граница размера\", \"pad\": \"";
        return start + "a".repeat(Math.max(0, size - start.length() - 2)) + "\"}";
    }

    /** Content-Types: mostly JSON, its variants, other types, malformed ones, none. */
    private static Arbitrary<String> contentTypes() {
        return Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just("application/json")),
                Tuple.of(3, Arbitraries.of("application/json; charset=UTF-8", "APPLICATION/JSON",
                        "application/json;charset=utf-16", "application/json; charset=nonsense-42",
                        "application/json; charset=", "application/json; charset=\"", "application/json;;;=",
                        "application/jsonx", "application/problem+json", "text/json", "text/plain",
                        "application/x-www-form-urlencoded", "multipart/form-data; boundary=zzz",
                        "multipart/form-data", "*/*", "application/*", "application", "/", ";")),
                Tuple.of(1, Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(40)),
                Tuple.of(1, Arbitraries.just(null)));
    }

    // ------------------------------------------------------------------ POST /upload

    /** Any bytes in any part under any name: stored (200) or refused in the contract's words. */
    @Property(tries = 60)
    void uploadAnswersAnyPartAsTheContractSays(@ForAll("uploads") Upload upload) throws Exception {
        HttpResponse<String> response = post("/api/image-generation/upload", upload.contentType(), upload.body());

        Statistics.label("status").collect(response.statusCode());
        JsonNode body = contractAnswer(response.statusCode(), response.body(), UPLOAD_STATUSES);
        if (upload.expected() != null) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(upload.expected());
        }
        if (response.statusCode() == 200) {
            String imageId = body.path("image_id").asText();
            String extension = body.path("image_url").asText().endsWith(".png") ? ".png" : ".jpeg";
            byte[] stored = Files.readAllBytes(storage.resolve(imageId + extension));
            assertThat(stored).as("named and typed by its bytes").startsWith(extension.equals(".png") ? PNG_MAGIC : JPEG_MAGIC);
            // with two parts named "file" the contract does not say which one is taken, only that it is stored whole
            assertThat(List.of(upload.content().bytes(), SECOND_PNG)).as("the stored bytes")
                    .anySatisfy(part -> assertThat(stored).isEqualTo(part));
            if (upload.extra().equals("none")) {
                assertThat(stored).isEqualTo(upload.content().bytes());
            }
        }
        if (response.statusCode() == 400) {
            assertThat(body.path("field").asText()).isEqualTo("file");
        }
    }

    @Provide
    Arbitrary<Upload> uploads() {
        Arbitrary<byte[]> noise = Arbitraries.bytes().list().ofMaxSize(2000).map(InputFuzzTest::bytes);
        Arbitrary<Content> content = Arbitraries.frequencyOf(
                Tuple.of(3, Combinators.combine(Arbitraries.integers().between(1, 300), Arbitraries.integers().between(1, 300),
                        Arbitraries.of("jpeg", "png")).as((width, height, format) -> new Content(
                        format.equals("png") ? TestImages.png(width, height) : TestImages.jpeg(width, height), true))),
                Tuple.of(3, noise.map(rest -> new Content(concat(JPEG_MAGIC, rest), false))),
                Tuple.of(2, noise.map(rest -> new Content(concat(PNG_MAGIC, rest), false))),
                Tuple.of(1, noise.map(bytes -> new Content(bytes, false))),
                Tuple.of(1, Arbitraries.of(new byte[0], new byte[]{(byte) 0xFF, (byte) 0xD8},
                        Arrays.copyOf(PNG_MAGIC, 7), "GIF89a".getBytes(StandardCharsets.US_ASCII))
                        .map(bytes -> new Content(bytes, false))),
                Tuple.of(1, Arbitraries.integers().between(UPLOAD_LIMIT - 100, UPLOAD_LIMIT + 3000)
                        .map(size -> new Content(TestImages.jpegOfSize(size), true))));
        Arbitrary<String> partName = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just("file")),
                Tuple.of(1, Arbitraries.of("File", "image", "files", "file ", "", "file[]", "файл")),
                Tuple.of(1, Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12)));
        Arbitrary<String> fileName = Arbitraries.frequencyOf(
                Tuple.of(4, Combinators.combine(Arbitraries.strings().alpha().numeric().withChars("._-").ofMinLength(1)
                                .ofMaxLength(30), Arbitraries.of(".jpg", ".png", ".txt", ".exe", ""))
                        .as((stem, extension) -> stem + extension)),
                Tuple.of(1, Arbitraries.of("", "../../etc/passwd", "..\\..\\win.ini", "a\"b.jpg", "имя файла.png",
                        "😀.jpeg", "a;b=c.jpg", "line\r\nbreak.jpg")),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(1, Arbitraries.just(null)));
        Arbitrary<String> partType = Arbitraries.of("image/jpeg", "image/png", "application/octet-stream",
                "text/plain", "", "garbage");
        Arbitrary<String> extra = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just("none")),
                Tuple.of(1, Arbitraries.just("field")),
                Tuple.of(1, Arbitraries.just("another file")));
        Arbitrary<String> envelope = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just("multipart")),
                Tuple.of(1, Arbitraries.of("wrong boundary", "no boundary", "application/octet-stream",
                        "multipart/mixed", "none", "cut short")));
        return Combinators.combine(partName, fileName, partType, content, extra, envelope).as(Upload::new);
    }

    // ------------------------------------------------------------------ the watched folder

    /** Every file dropped (any name of safe characters, any bytes) is answered once; nothing is lost. */
    @Property(tries = 2)
    void theFolderAnswersEveryFileExactlyOnce(@ForAll("inboxBatches") List<Dropped> files) throws Exception {
        clearAnswers();
        for (Dropped file : files) {
            Path temporary = inbox.resolve("." + file.name() + ".part");
            Files.write(temporary, file.content());
            Files.move(temporary, inbox.resolve(file.name()), StandardCopyOption.ATOMIC_MOVE);
        }

        Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100))
                .until(() -> files.stream().allMatch(InputFuzzTest::settled) && regularFiles(inbox).isEmpty());

        Set<String> expected = new HashSet<>();
        for (Dropped file : files) {
            boolean done = Files.exists(inbox.resolve(".done").resolve(file.name()));
            Path folder = inbox.resolve(done ? ".done" : ".error");
            Path answerFile = folder.resolve(file.name() + (done ? ".result.json" : ".error.json"));
            expected.add((done ? ".done/" : ".error/") + file.name());
            expected.add((done ? ".done/" : ".error/") + answerFile.getFileName());
            assertThat(Files.readAllBytes(folder.resolve(file.name()))).as(file.name() + " kept as dropped")
                    .isEqualTo(file.content());
            JsonNode answer = contractAnswer(done ? 200 : errorStatus(answerFile), Files.readString(answerFile),
                    GENERATE_STATUSES);
            assertThat(answer.path("request_id").asText()).as(file.name()).isNotEmpty();
            if (done) {
                assertThat(storage.resolve(answer.path("image_id").asText() + ".jpeg")).isRegularFile();
            }
            if (file.expectDone() != null) {
                assertThat(done).as(file + " answered " + Files.readString(answerFile)).isEqualTo(file.expectDone());
            }
            Statistics.label("answer").collect(done ? ".done" : ".error");
        }
        assertThat(answersAndFiles()).as("exactly the dropped files and their answers, once each")
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Provide
    Arbitrary<List<Dropped>> inboxBatches() {
        Arbitrary<String> names = Combinators.combine(
                        Arbitraries.strings().alpha().numeric().withChars("_-").ofMinLength(1).ofMaxLength(24),
                        Arbitraries.of(".txt", ".json"))
                .as((stem, extension) -> stem + extension);
        Arbitrary<Payload> content = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(new byte[0]).map(Payload::any)),
                Tuple.of(3, prompts().map(text -> Payload.any(utf8(text)))),
                Tuple.of(3, requestObjects().map(json -> Payload.any(utf8(json)))),
                Tuple.of(2, validRequestObjects().map(json -> new Payload(utf8(json), true))),
                Tuple.of(1, prompts().map(text -> Payload.any(utf8("\uFEFF" + text)))),
                Tuple.of(2, Arbitraries.bytes().list().ofMaxSize(300).map(list -> Payload.any(bytes(list)))),
                Tuple.of(1, Arbitraries.of(new byte[]{(byte) 0xC3, 0x28}, new byte[]{(byte) 0xA0, (byte) 0xA1},
                        new byte[]{(byte) 0xE2, 0x28, (byte) 0xA1}, new byte[]{(byte) 0xF0, 0x28, (byte) 0x8C, (byte) 0xBC},
                        new byte[]{(byte) 0xFF, (byte) 0xFE, 'a', 0}, new byte[]{(byte) 0xC0, (byte) 0x80},
                        new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[]{'{', (byte) 0xFF, '}'})
                        .map(Payload::any)),
                Tuple.of(1, Arbitraries.strings().withCharRange('а', 'я').withChars(" ").ofMinLength(900)
                        .ofMaxLength(5000).map(text -> Payload.any(utf8(text)))));
        return Combinators.combine(names, content).as(Dropped::of)
                .list().ofSize(15).uniqueElements(Dropped::name);
    }

    private static boolean settled(Dropped file) {
        for (String folder : List.of(".done", ".error")) {
            Path dir = inbox.resolve(folder);
            Path answer = dir.resolve(file.name() + (folder.equals(".done") ? ".result.json" : ".error.json"));
            try {
                if (Files.isRegularFile(dir.resolve(file.name())) && Files.isRegularFile(answer) && Files.size(answer) > 0) {
                    return !Files.exists(inbox.resolve(file.name()));
                }
            } catch (IOException vanished) {
                return false;
            }
        }
        return false;
    }

    private static int errorStatus(Path answerFile) throws IOException {
        String code = JSON.readTree(answerFile.toFile()).path("error").asText();
        return ERRORS.entrySet().stream().filter(entry -> entry.getValue().contains(code)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("Not a contract error code: " + code
                        + " in " + answerFile.getFileName()));
    }

    private static void clearAnswers() throws IOException {
        assertThat(regularFiles(inbox)).as("the inbox is empty before a batch").isEmpty();
        for (String folder : List.of(".done", ".error")) {
            for (Path file : regularFiles(inbox.resolve(folder))) {
                Files.delete(file);
            }
        }
    }

    private static Set<String> answersAndFiles() throws IOException {
        Set<String> names = new HashSet<>();
        for (String folder : List.of(".done", ".error")) {
            for (Path file : regularFiles(inbox.resolve(folder))) {
                names.add(folder + "/" + file.getFileName());
            }
        }
        return names;
    }

    private static List<Path> regularFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toList());
        }
    }

    // ------------------------------------------------------------------ JMS

    /** Any Text or Bytes message on the queue: a Text reply with the contract's status and body. */
    @Property(tries = 60)
    void jmsRepliesToAnyMessageAsTheContractSays(@ForAll("jmsMessages") JmsRequest request) throws Exception {
        String correlation = "fuzz-" + UUID.randomUUID();

        Message reply = jms.sendAndReceive(QUEUE, session -> {
            Message message;
            if (request.bytesMessage()) {
                BytesMessage bytes = session.createBytesMessage();
                if (request.payload() != null) {
                    bytes.writeBytes(request.payload());
                }
                message = bytes;
            } else {
                message = session.createTextMessage(request.text());
            }
            message.setJMSCorrelationID(correlation);
            return message;
        });

        assertThat(reply).as("a reply within 20 s").isNotNull();
        assertThat(reply).isInstanceOf(TextMessage.class);
        assertThat(reply.getJMSCorrelationID()).isEqualTo(correlation);
        Object status = reply.getObjectProperty("status");
        assertThat(status).as("the int property status").isInstanceOf(Integer.class);
        Statistics.label("status").collect(status);
        JsonNode body = contractAnswer((Integer) status, ((TextMessage) reply).getText(), GENERATE_STATUSES);
        assertThat(body.path("request_id").asText()).isNotEmpty();
        Boolean left = jms.browse(QUEUE, (session, browser) -> browser.getEnumeration().hasMoreElements());
        assertThat(left).as("messages left on the queue").isFalse();
    }

    @Provide
    Arbitrary<JmsRequest> jmsMessages() {
        Arbitrary<String> texts = Arbitraries.frequencyOf(
                Tuple.of(5, requestObjects()),
                Tuple.of(1, validRequestObjects()),
                Tuple.of(1, jsonValues(2)),
                Tuple.of(1, prompts()),
                Tuple.of(1, Arbitraries.just(null)));
        Arbitrary<byte[]> bytes = Arbitraries.frequencyOf(
                Tuple.of(4, requestObjects().map(InputFuzzTest::utf8)),
                Tuple.of(2, Arbitraries.bytes().list().ofMaxSize(300).map(InputFuzzTest::bytes)),
                Tuple.of(1, Arbitraries.just(null)));
        return Arbitraries.oneOf(
                texts.map(text -> new JmsRequest(false, text, null)),
                bytes.map(payload -> new JmsRequest(true, null, payload)));
    }

    // ------------------------------------------------------------------ the contract's answer

    /**
     * Checks an answer against the contract: an allowed status (never 500), a JSON object with
     * {@code success}; an error has a contract code for its status, a message and (for a 400) the
     * field; a 200 has its image.
     */
    private static JsonNode contractAnswer(int status, String text, Set<Integer> allowed) throws JsonProcessingException {
        assertThat(status).as("status of %s", text).isIn(allowed);
        JsonNode body = JSON.readTree(text);
        assertThat(body.isObject()).as("a JSON object: %s", text).isTrue();
        assertThat(body.path("success").isBoolean()).as("success in %s", text).isTrue();
        if (status == 200) {
            assertThat(body.path("success").booleanValue()).as(text).isTrue();
            assertThat(body.path("image_id").asText()).as(text).isNotEmpty();
            assertThat(body.path("image_url").asText()).as(text).endsWith(body.path("image_id").asText()
                    + (body.path("image_url").asText().endsWith(".png") ? ".png" : ".jpeg"));
        } else {
            assertThat(body.path("success").booleanValue()).as(text).isFalse();
            assertThat(body.path("error").asText()).as("the code of a %d: %s", status, text).isIn(ERRORS.get(status));
            assertThat(body.path("message").isTextual() && !body.path("message").asText().isBlank())
                    .as("a message in %s", text).isTrue();
            assertThat(text).doesNotContain("Exception").doesNotContain("\tat ");
            if (status == 400) {
                assertThat(body.path("field").asText()).as("the field of %s", text).isNotEmpty();
            }
        }
        return body;
    }

    // ------------------------------------------------------------------ HTTP

    private static HttpResponse<String> post(String path, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    private static HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString()).get(90, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ samples and their display

    /** A body and its Content-Type ({@code null}: none sent). */
    record HttpBody(String contentType, byte[] body) {
        @Override
        public String toString() {
            return "Content-Type " + (contentType == null ? "(none)" : "\"" + contentType + "\"") + ", body " + shown(body);
        }
    }

    /** A multipart upload: the part, its file name and type, the content, an extra part, the envelope. */
    record Upload(String part, String fileName, String partType, Content content, String extra, String envelope) {

        private static final String BOUNDARY = "----fuzz-boundary-7c1e5a";

        String contentType() {
            return switch (envelope) {
                case "multipart", "cut short" -> "multipart/form-data; boundary=" + BOUNDARY;
                case "wrong boundary" -> "multipart/form-data; boundary=other-boundary";
                case "no boundary" -> "multipart/form-data";
                case "multipart/mixed" -> "multipart/mixed; boundary=" + BOUNDARY;
                case "none" -> null;
                default -> envelope;
            };
        }

        byte[] body() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (extra.equals("field")) {
                out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\n"
                        + "просто текст\r\n").getBytes(StandardCharsets.UTF_8));
            }
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + part + "\""
                    + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\n"
                    + (partType.isEmpty() ? "" : "Content-Type: " + partType + "\r\n") + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.writeBytes(content.bytes());
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            if (extra.equals("another file")) {
                out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.png\""
                        + "\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.writeBytes(SECOND_PNG);
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            if (!envelope.equals("cut short")) {
                out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            return out.toByteArray();
        }

        /**
         * The status the contract gives a well-formed upload (one part "file" with a plain name);
         * {@code null} where the envelope or the names leave it open (any contract answer will do).
         */
        Integer expected() {
            boolean plainName = fileName != null && fileName.matches("[A-Za-z0-9._-]+");
            if (!envelope.equals("multipart") || !extra.equals("none") || !plainName || !part.matches("[A-Za-z0-9]+")) {
                return null;
            }
            if (!part.equals("file")) {
                return 400;
            }
            if (content.bytes().length > UPLOAD_LIMIT) {
                return 413;
            }
            return content.image() ? 200 : 400;
        }

        @Override
        public String toString() {
            return "part \"" + part + "\", filename " + (fileName == null ? "(none)" : shown(utf8(fileName)))
                    + ", type \"" + partType + "\", extra " + extra + ", envelope " + envelope + ", content "
                    + shown(content.bytes()) + ", expected " + expected();
        }
    }

    /**
     * An upload's bytes, and whether they are a whole image (a real JPEG or PNG); magic bytes
     * followed by noise are not.
     */
    record Content(byte[] bytes, boolean image) {
    }

    /** A file for the watched folder, and whether the contract sends it to .done (null: either). */
    record Dropped(String name, byte[] content, Boolean expectDone) {

        static Dropped of(String name, Payload payload) {
            byte[] content = payload.bytes();
            Boolean expectDone = name.endsWith(".json") && payload.validRequest() ? Boolean.TRUE : null;
            if (name.endsWith(".txt")) {
                String text = new String(content, StandardCharsets.UTF_8);
                String prompt = asDrawn(text.startsWith("\uFEFF") ? text.substring(1) : text);
                expectDone = !prompt.isEmpty() && codePoints(prompt) <= 1000;
            }
            return new Dropped(name, content, expectDone);
        }

        @Override
        public String toString() {
            return name + " " + shown(content) + (expectDone == null ? "" : expectDone ? " (to .done)" : " (to .error)");
        }
    }

    /** A file's bytes, and whether they are a generate request the contract accepts. */
    record Payload(byte[] bytes, boolean validRequest) {
        static Payload any(byte[] bytes) {
            return new Payload(bytes, false);
        }
    }

    /** A Text message ({@code text}, maybe null) or a Bytes message ({@code payload}, maybe none). */
    record JmsRequest(boolean bytesMessage, String text, byte[] payload) {
        @Override
        public String toString() {
            if (bytesMessage) {
                return "BytesMessage " + (payload == null ? "(empty)" : shown(payload));
            }
            return "TextMessage " + (text == null ? "(no text)" : shown(utf8(text)));
        }
    }

    // ------------------------------------------------------------------ small helpers

    private static Arbitrary<String> quoted(Arbitrary<String> text) {
        return text.map(InputFuzzTest::quote);
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Arbitrary<String> codePointStrings(int from, int to, int maxLength) {
        return Arbitraries.integers().between(from, to).filter(Character::isValidCodePoint)
                .list().ofMinSize(1).ofMaxSize(maxLength)
                .map(points -> points.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint,
                        StringBuilder::append).toString());
    }

    /** The string as the service reads it back from UTF-8 (a lone surrogate becomes '?'). */
    private static String asSent(String text) {
        return new String(utf8(text), StandardCharsets.UTF_8);
    }

    /**
     * The text as the contract measures and draws it: without control characters (but tab, CR and
     * LF) and bidirectional format characters, trimmed.
     */
    private static String asDrawn(String text) {
        return text.replaceAll("[\\p{Cc}&&[^\\t\\r\\n]]|[\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]", "").strip();
    }

    private static int codePoints(String text) {
        return text.codePointCount(0, text.length());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(List<Byte> list) {
        byte[] bytes = new byte[list.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = list.get(i);
        }
        return bytes;
    }

    private static byte[] concat(byte[] head, byte[] tail) {
        byte[] joined = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, joined, head.length, tail.length);
        return joined;
    }

    private static boolean startsWith(byte[] bytes, byte[] magic) {
        return bytes.length >= magic.length && Arrays.equals(Arrays.copyOf(bytes, magic.length), magic);
    }

    /** Bytes for a failure report: as text with the invisible escaped when UTF-8, else in hex; cut at 300. */
    static String shown(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            StringBuilder hex = new StringBuilder("hex ");
            for (int i = 0; i < Math.min(bytes.length, 120); i++) {
                hex.append(String.format("%02x", bytes[i]));
            }
            return hex + (bytes.length > 120 ? "…" : "") + " (" + bytes.length + " bytes)";
        }
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().limit(300).forEach(point -> {
            if (point < 0x20 || (point >= 0x7F && point < 0xA0) || Character.isWhitespace(point) && point != ' '
                    || Character.getType(point) == Character.FORMAT || Character.getType(point) == Character.UNASSIGNED) {
                out.append(String.format("\\u%04X", point));
            } else {
                out.appendCodePoint(point);
            }
        });
        return out.append(codePoints(text) > 300 ? "…\"" : "\"").append(" (").append(bytes.length).append(" bytes)")
                .toString();
    }
}
