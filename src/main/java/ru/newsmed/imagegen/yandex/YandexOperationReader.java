package ru.newsmed.imagegen.yandex;

import java.io.IOException;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import ru.newsmed.imagegen.errors.ProviderFailedException;

/**
 * Reads YandexART's operation JSON: the start reply's id, and a poll's reply with its image
 * decoded from the reply's bytes as they are parsed, never held as a 2 MB string first (about
 * 5 MB less heap per answer of a 1.6 MB image, the benchmark's memory figure).
 */
final class YandexOperationReader {

    /** Standard base64 as YandexART sends it; the padding may be left out, as the JDK's decoder allows. */
    private static final Base64Variant IMAGE_BASE64 =
            Base64Variants.MIME_NO_LINEFEEDS.withReadPadding(Base64Variant.PaddingReadBehaviour.PADDING_ALLOWED);

    /** A poll's reply, as far as it matters here: {@code image} arrives decoded. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Operation(boolean done, JsonNode error, Response response) {

        @JsonIgnoreProperties(ignoreUnknown = true)
        record Response(byte[] image) {
        }

        byte[] image() {
            return response == null ? null : response.image();
        }
    }

    private final ObjectMapper objectMapper = new ObjectMapper();
    private final ObjectReader operations = objectMapper.readerFor(Operation.class).with(IMAGE_BASE64);

    /** The start reply's {@code id}, empty when it has none. */
    String startedId(byte[] body) {
        try {
            JsonNode json = body == null || body.length == 0 ? null : objectMapper.readTree(body);
            if (json == null || !json.isObject()) {
                throw new ProviderFailedException("YandexART answered the start with something that is not a JSON object");
            }
            return json.path("id").asText("");
        } catch (IOException e) {
            throw new ProviderFailedException("YandexART answered the start with something that is not JSON");
        }
    }

    Operation poll(byte[] body, String id) {
        String what = "YandexART answered the poll of operation " + id + " with something that is not ";
        if (body == null || body.length == 0) {
            throw new ProviderFailedException(what + "a JSON object");
        }
        try {
            Operation operation = operations.readValue(body);
            if (operation == null) {
                throw new ProviderFailedException(what + "a JSON object");
            }
            return operation;
        } catch (StreamReadException e) {
            throw new ProviderFailedException(what + "JSON");
        } catch (JsonMappingException e) {
            boolean atImage = !e.getPath().isEmpty() && "image".equals(e.getPath().get(e.getPath().size() - 1).getFieldName());
            throw new ProviderFailedException(atImage ? "YandexART operation " + id + " sent an image that is not valid base64"
                    : what + "a JSON object");
        } catch (IOException e) {
            throw new ProviderFailedException(what + "JSON");
        }
    }
}
