package ru.newsmed.imagegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import ru.newsmed.imagegen.support.GigaChatStub;
import ru.newsmed.imagegen.support.ProviderServiceTest;
import ru.newsmed.imagegen.support.TestImages;

/**
 * POST /upload: whole, decodable JPEG and PNG judged by their bytes, anything else refused, the size
 * limit (2 MiB in the tests) and the pixel limit; stored images served with nosniff and their length.
 */
class UploadTest extends ProviderServiceTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    @Autowired
    ServletContext servletContext;

    @Test
    void storesAJpegWithItsProvenanceAndLeavesNoTemporaryCopy() throws Exception {
        byte[] image = GigaChatStub.realImage();
        Path temporary = ((File) servletContext.getAttribute(ServletContext.TEMPDIR)).toPath();
        long copiesBefore = regularFiles(temporary);

        HttpResponse<String> response = upload("file", "photo.bin", "application/octet-stream", image);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        String imageId = body.path("image_id").asText();
        assertThat(body.path("success").asBoolean()).isTrue();
        assertThat(body.path("image_url").asText()).isEqualTo("http://localhost:8080/images/" + imageId + ".jpeg");
        assertThat(Files.readAllBytes(storage.resolve(imageId + ".jpeg"))).isEqualTo(image);
        JsonNode provenance = JSON.readTree(storage.resolve(imageId + ".json").toFile());
        assertThat(provenance.path("provider").asText()).isEqualTo("upload");
        assertThat(provenance.path("upload_name").asText()).isEqualTo("photo.bin");
        assertThat(getBytes("/images/" + imageId + ".jpeg").headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(regularFiles(temporary)).isEqualTo(copiesBefore);
    }

    private static long regularFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void storesTenParallelUploadsOfOneFileNameAsTenImages() throws Exception {
        byte[] image = TestImages.jpeg(64, 48);
        ExecutorService clients = Executors.newFixedThreadPool(10);
        try {
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> upload("file", "photo.jpg", "image/jpeg", image), clients));
            }
            Set<String> imageIds = new HashSet<>();
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                HttpResponse<String> response = call.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                imageIds.add(json(response).path("image_id").asText());
            }
            assertThat(imageIds).hasSize(10);
            for (String imageId : imageIds) {
                assertThat(Files.readAllBytes(storage.resolve(imageId + ".jpeg"))).isEqualTo(image);
                assertThat(JSON.readTree(storage.resolve(imageId + ".json").toFile()).path("upload_name").asText())
                        .isEqualTo("photo.jpg");
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void storesAnUploadWithA300CharacterNameKeepingTheNameInItsRecord() throws Exception {
        String name = "п".repeat(150) + "x".repeat(146) + ".jpg";

        HttpResponse<String> response = upload("file", name, "image/jpeg", TestImages.jpeg(32, 32));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String imageId = json(response).path("image_id").asText();
        assertThat(JSON.readTree(storage.resolve(imageId + ".json").toFile()).path("upload_name").asText()).isEqualTo(name);
        try (Stream<Path> files = Files.list(storage)) {
            assertThat(files.map(file -> file.getFileName().toString())).noneMatch(file -> file.startsWith(".tmp-"));
        }
    }

    @Test
    void answersAFailedStoreOfAnUploadWithoutAPathOrTheWordDrawn() throws Exception {
        HttpResponse<String> response = withFolderAsAFile(storage, () ->
                upload("file", "photo.jpg", "image/jpeg", TestImages.jpeg(32, 32)));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("error").asText()).isEqualTo("storage_failed");
        assertThat(json(response).path("message").asText()).isEqualTo("The uploaded image could not be stored in the folder")
                .doesNotContain("drawn").doesNotContain("/").doesNotContain(".tmp-");
    }

    @Test
    void storesAPngAsPng() throws Exception {
        byte[] png = TestImages.png(40, 30);

        HttpResponse<String> response = upload("file", "scan.jpg", "image/jpeg", png);

        assertThat(response.statusCode()).isEqualTo(200);
        String imageId = json(response).path("image_id").asText();
        assertThat(json(response).path("image_url").asText()).endsWith(imageId + ".png");
        assertThat(Files.readAllBytes(storage.resolve(imageId + ".png"))).isEqualTo(png);
    }

    @Test
    void servesAStoredImageWithNosniffAndItsLength() {
        byte[] png = TestImages.png(40, 30);
        String imageId = json(upload("file", "scan.png", "image/png", png)).path("image_id").asText();

        HttpResponse<byte[]> served = getBytes("/images/" + imageId + ".png");

        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(png);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(served.headers().firstValue("Content-Length")).hasValue(String.valueOf(png.length));
    }

    @Test
    void refusesAJpegSignatureFollowedByAnHtmlPage() {
        assertRefusedAsNoImage(concat(new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
                "<html><body><script>alert(document.cookie)</script></body></html>".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesAPngSignatureFollowedByAnSvg() {
        assertRefusedAsNoImage(concat(PNG_SIGNATURE,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesATruncatedJpeg() {
        byte[] image = GigaChatStub.realImage();

        assertRefusedAsNoImage(Arrays.copyOf(image, image.length / 2));
    }

    @Test
    void refusesATruncatedPng() {
        byte[] image = TestImages.png(300, 200);

        assertRefusedAsNoImage(Arrays.copyOf(image, image.length - 40));
    }

    @Test
    void refusesAnImageOfMoreThanTheMaxPixelsFromItsHeader() {
        int before = storedFiles();

        HttpResponse<String> response = upload("file", "big.png", "image/png", pngHeaderOnly(8000, 6000));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).isEqualTo("invalid_request");
        assertThat(json(response).path("field").asText()).isEqualTo("file");
        assertThat(json(response).path("message").asText()).contains("8000 x 6000").contains("40000000");
        assertThat(storedFiles()).isEqualTo(before);
    }

    private void assertRefusedAsNoImage(byte[] content) {
        int before = storedFiles();

        HttpResponse<String> response = upload("file", "photo.jpg", "image/jpeg", content);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).isEqualTo("invalid_request");
        assertThat(json(response).path("field").asText()).isEqualTo("file");
        assertThat(storedFiles()).isEqualTo(before);
    }

    /** A PNG signature and an IHDR chunk claiming width x height, then an empty IDAT and IEND. */
    private static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        return concat(PNG_SIGNATURE, concat(chunk("IHDR", ihdr.array()), concat(chunk("IDAT", new byte[0]), chunk("IEND", new byte[0]))));
    }

    private static byte[] chunk(String type, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(type.getBytes(StandardCharsets.US_ASCII));
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII))
                .put(data).putInt((int) crc.getValue()).array();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    @Test
    void refusesATextFileNamedLikeAnImage() {
        int before = storedFiles();

        HttpResponse<String> response = upload("file", "cat.jpg", "image/jpeg", "not an image at all".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).isEqualTo("invalid_request");
        assertThat(json(response).path("field").asText()).isEqualTo("file");
        assertThat(storedFiles()).isEqualTo(before);
    }

    @Test
    void refusesOneByteOverTheLimitWithTheContractsBody() {
        byte[] atLimit = TestImages.jpegOfSize(2 * 1024 * 1024);
        byte[] over = jpegHeadedOfSize(2 * 1024 * 1024 + 1);

        assertThat(upload("file", "a.jpg", "image/jpeg", atLimit).statusCode()).isEqualTo(200);
        HttpResponse<String> response = upload("file", "b.jpg", "image/jpeg", over);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).path("error").asText()).isEqualTo("too_large");
    }

    @Test
    void refusesAnUploadBeyondTheServletLimitWithTheContractsBodyToo() {
        byte[] huge = jpegHeadedOfSize(70 * 1024 * 1024);

        HttpResponse<String> response = upload("file", "huge.jpg", "image/jpeg", huge);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).path("error").asText()).isEqualTo("too_large");
    }

    @Test
    void refusesAnImageInAnotherPart() {
        HttpResponse<String> response = upload("image", "a.jpg", "image/jpeg", jpegHeadedOfSize(100));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("field").asText()).isEqualTo("file");
    }

    @Test
    void refusesAMultipartBodyWithoutABoundary() {
        HttpResponse<String> upload = postJson("/api/image-generation/upload", "{}", "Content-Type", "multipart/form-data");
        HttpResponse<String> generate = postJson("/api/image-generation/generate", "{}", "Content-Type", "multipart/form-data");

        assertThat(upload.statusCode()).isEqualTo(400);
        assertThat(json(upload).path("field").asText()).isEqualTo("file");
        assertThat(generate.statusCode()).isEqualTo(415);
        assertThat(json(generate).path("error").asText()).isEqualTo("unsupported_media_type");
    }

    @Test
    void refusesABodyThatIsNotMultipart() {
        HttpResponse<String> response = postJson("/api/image-generation/upload", "{}");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(json(response).path("error").asText()).isEqualTo("unsupported_media_type");
    }

    /** JPEG magic bytes and filler: no image, for what is refused before its bytes are judged. */
    private static byte[] jpegHeadedOfSize(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 0x42);
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        return bytes;
    }

    private HttpResponse<String> upload(String part, String fileName, String contentType, byte[] content) {
        String boundary = "----upload-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri("/api/image-generation/upload"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return send(request, HttpResponse.BodyHandlers.ofString());
    }
}
