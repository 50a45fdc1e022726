package ru.newsmed.imagegen.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The baseline: the least a program can do for one GigaChat image, written with nothing but
 * {@code java.net.http} and Jackson: one OAuth token fetched up front and reused, then per image the
 * chat, the file id out of the reply, the download, and the bytes written to a temporary name and
 * renamed into a folder. The service does all of this plus what makes it a service (validation,
 * routing, limits, retries, circuits, metrics, provenance, the HTTP answer); the benchmark's
 * "overhead" is the difference between the two.
 */
final class BareGigaChatFlow {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern IMAGE_TAG = Pattern.compile("<img\\s+src=\"([0-9a-fA-F-]{36})\"");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String oauthUrl;
    private final String baseUrl;
    private final Path folder;
    private String token;

    BareGigaChatFlow(String oauthUrl, String baseUrl, Path folder) throws IOException {
        this.oauthUrl = oauthUrl;
        this.baseUrl = baseUrl;
        this.folder = Files.createDirectories(folder);
    }

    /** Fetches the one token all images will use. */
    void fetchToken(String authKey) throws IOException, InterruptedException {
        HttpRequest oauth = HttpRequest.newBuilder(URI.create(oauthUrl))
                .header("Authorization", "Basic " + authKey)
                .header("RqUID", UUID.randomUUID().toString())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("scope=GIGACHAT_API_PERS"))
                .build();
        HttpResponse<byte[]> answer = client.send(oauth, HttpResponse.BodyHandlers.ofByteArray());
        token = JSON.readTree(answer.body()).path("access_token").asText();
    }

    /** One image, chat to stored file; "200" when it is on disk. */
    String draw(String prompt) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("model", "GigaChat-2").put("function_call", "auto");
        body.putArray("messages").addObject().put("role", "user").put("content", "Нарисуй " + prompt);
        HttpRequest chat = HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build();
        HttpResponse<byte[]> reply = client.send(chat, HttpResponse.BodyHandlers.ofByteArray());
        if (reply.statusCode() != 200) {
            return "chat " + reply.statusCode();
        }
        String content = JSON.readTree(reply.body()).path("choices").path(0).path("message").path("content").asText();
        Matcher image = IMAGE_TAG.matcher(content);
        if (!image.find()) {
            return "no image";
        }
        HttpRequest download = HttpRequest.newBuilder(URI.create(baseUrl + "/files/" + image.group(1) + "/content"))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        HttpResponse<byte[]> picture = client.send(download, HttpResponse.BodyHandlers.ofByteArray());
        if (picture.statusCode() != 200) {
            return "download " + picture.statusCode();
        }
        String name = UUID.randomUUID() + ".jpeg";
        Path temporary = folder.resolve(".tmp-" + name);
        Files.write(temporary, picture.body());
        Files.move(temporary, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        return "200";
    }
}
