package ru.newsmed.imagegen.yandex;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Header;
import ru.newsmed.imagegen.errors.ProviderUnavailableException;

/**
 * One Kamelet's YandexART account: the folder the model runs in and the credentials of its calls
 * ({@code Api-Key}, preferred as it does not expire, else a {@code Bearer} IAM token), and the start
 * request written for that folder. One instance per Kamelet ({@code template.beans}); the service's
 * settings ask it whether they are complete.
 */
public class YandexAccount {

    private final String folderId;
    private final String apiKey;
    private final String iamToken;
    private final ObjectMapper objectMapper = new ObjectMapper();

    public YandexAccount(String folderId, String apiKey, String iamToken) {
        this.folderId = folderId;
        this.apiKey = apiKey;
        this.iamToken = iamToken;
    }

    public boolean configured() {
        return present(folderId) && (present(apiKey) || present(iamToken));
    }

    /** Fails with provider_unavailable, naming what is missing, while the account is not complete. */
    public void requireConfigured() {
        if (!configured()) {
            throw new ProviderUnavailableException(ProviderUnavailableException.Reason.NOT_CONFIGURED,
                    "YandexART is not configured: set " + missing());
        }
    }

    /** What is missing, named by the service's variables and the Kamelet's parameters. */
    String missing() {
        if (!present(folderId) && !present(apiKey) && !present(iamToken)) {
            return "YC_FOLDER_ID and YC_API_KEY (or YC_IAM_TOKEN); the Kamelet's folderId and apiKey (or iamToken)";
        }
        return present(folderId) ? "YC_API_KEY (or YC_IAM_TOKEN); the Kamelet's apiKey (or iamToken)"
                : "YC_FOLDER_ID; the Kamelet's folderId";
    }

    /** The value of every call's Authorization header. */
    public String authorization() {
        return present(apiKey) ? "Api-Key " + apiKey.strip() : "Bearer " + iamToken.strip();
    }

    /**
     * The start call's body: the folder's model, JPEG, the seed (none: a random one) and the aspect
     * ratio (64-bit numbers as JSON strings), and the text as one message.
     */
    public String start(@Header("ImageGenPromptSent") String text, @Header("ImageGenSeed") Object seed,
                        @Header("ImageGenWidthRatio") Object widthRatio, @Header("ImageGenHeightRatio") Object heightRatio)
            throws JsonProcessingException {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("mimeType", "image/jpeg");
        if (seed != null && !seed.toString().isBlank()) {
            options.put("seed", seed.toString().strip());
        }
        options.put("aspectRatio", Map.of("widthRatio", ratio(widthRatio), "heightRatio", ratio(heightRatio)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("modelUri", "art://" + folderId.strip() + "/yandex-art/latest");
        body.put("generationOptions", options);
        body.put("messages", List.of(Map.of("weight", "1", "text", text)));
        return objectMapper.writeValueAsString(body);
    }

    /** The text YandexART takes: at most 500 characters, cut at a word. */
    public String text(String prompt) {
        return YandexRequests.cutAtWord(prompt == null ? "" : prompt.strip(), YandexRequests.MAX_TEXT);
    }

    private static String ratio(Object ratio) {
        return ratio == null || ratio.toString().isBlank() ? "1" : ratio.toString().strip();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "YandexAccount[folder " + folderId + "]";
    }
}
