package ru.newsmed.imagegen.gigachat;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.errors.ContentRefusedException;
import ru.newsmed.imagegen.errors.ProviderFailedException;

/**
 * Takes the file id out of a chat reply: {@code <img src="FILE_ID" fuse="true"/>} anywhere in
 * {@code choices[0].message.content}. Only a UUID is accepted, so nothing else can reach a URL.
 * A reply without an image, or with {@code finish_reason: blacklist}, is a refusal.
 */
@Component("imagegenFileIdExtractor")
public class FileIdExtractor {

    private static final Pattern IMG_SRC =
            Pattern.compile("<img\\b[^>]*?\\bsrc\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')", Pattern.CASE_INSENSITIVE);
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int QUOTED_TEXT = 200;

    private final ObjectMapper objectMapper;

    public FileIdExtractor(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public String extract(byte[] reply) {
        JsonNode choice;
        try {
            choice = objectMapper.readTree(reply).path("choices").path(0);
        } catch (IOException | RuntimeException e) {
            throw new ProviderFailedException("GigaChat answered the chat with something that is not JSON");
        }
        if (choice.isMissingNode()) {
            throw new ProviderFailedException("GigaChat answered the chat without choices");
        }
        String content = choice.path("message").path("content").asText("");
        if ("blacklist".equals(choice.path("finish_reason").asText())) {
            throw new ContentRefusedException("GigaChat refused the topic (finish_reason blacklist)");
        }
        Matcher img = IMG_SRC.matcher(content);
        if (!img.find()) {
            throw new ContentRefusedException("GigaChat answered with text instead of an image: " + quote(content));
        }
        String src = (img.group(1) != null ? img.group(1) : img.group(2)).strip();
        if (!UUID.matcher(src).matches()) {
            throw new ProviderFailedException("GigaChat's reply names an image that is not a file id; it was not fetched");
        }
        return src.toLowerCase();
    }

    /** A file id given to resume with, checked as a reply's would be (lower case). */
    static String requireFileId(String fileId) {
        String id = fileId == null ? "" : fileId.strip();
        if (!UUID.matcher(id).matches()) {
            throw new ProviderFailedException("The file id to download is not a GigaChat file id; it was not fetched");
        }
        return id.toLowerCase();
    }

    private static String quote(String content) {
        String text = content.strip().replaceAll("\\s+", " ");
        return text.length() <= QUOTED_TEXT ? text : text.substring(0, QUOTED_TEXT) + "…";
    }
}
