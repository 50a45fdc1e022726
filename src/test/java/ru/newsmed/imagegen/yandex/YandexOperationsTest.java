package ru.newsmed.imagegen.yandex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import ru.newsmed.imagegen.errors.ContentRefusedException;
import ru.newsmed.imagegen.errors.ProviderFailedException;

/** Reading a poll's reply, the image decoded while it is parsed. */
class YandexOperationsTest {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3, 4};

    private final YandexOperations operations = new YandexOperations(
            new YandexSettings("b1g", "key", null, Duration.ofSeconds(1), Duration.ofSeconds(60), 1, Duration.ofSeconds(1)),
            new ObjectMapper());

    @Test
    void aDoneOperationGivesTheDecodedImagePaddedOrNot() {
        String padded = Base64.getEncoder().encodeToString(JPEG);
        String unpadded = Base64.getEncoder().withoutPadding().encodeToString(JPEG);
        for (String base64 : new String[]{padded, unpadded}) {
            Exchange exchange = poll("{\"id\":\"fbv1\",\"done\":true,\"metadata\":null,"
                    + "\"response\":{\"@type\":\"x\",\"image\":\"" + base64 + "\",\"modelVersion\":\"\"}}");

            assertThat(exchange.getMessage().getBody(byte[].class)).isEqualTo(JPEG);
            assertThat(exchange.getProperty(YandexOperations.DONE, Boolean.class)).isTrue();
        }
    }

    @Test
    void aPendingOperationLeavesTheBodyAndIsNotDone() {
        Exchange exchange = poll("{\"id\":\"fbv1\",\"done\":false}");

        assertThat(exchange.getProperty(YandexOperations.DONE, Boolean.class)).isFalse();
    }

    @Test
    void badRepliesAreFailuresThatSayWhat() {
        assertThatThrownBy(() -> poll("<html>busy</html>")).isInstanceOf(ProviderFailedException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> poll("[1, 2]")).isInstanceOf(ProviderFailedException.class)
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> poll("{\"done\":true,\"response\":{\"image\":\"@@not base64@@\"}}"))
                .isInstanceOf(ProviderFailedException.class).hasMessageContaining("not valid base64");
        assertThatThrownBy(() -> poll("{\"done\":true,\"response\":{\"image\":\"\"}}"))
                .isInstanceOf(ProviderFailedException.class).hasMessageContaining("without an image");
        assertThatThrownBy(() -> poll("{\"done\":true}"))
                .isInstanceOf(ProviderFailedException.class).hasMessageContaining("without an image");
        assertThatThrownBy(() -> poll("{\"done\":true,\"error\":{\"code\":3,\"message\":\"it is not possible to generate"
                + " an image from this request because it may violate the terms of use\"}}"))
                .isInstanceOf(ContentRefusedException.class);
    }

    private Exchange poll(String reply) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(YandexOperations.ID, "fbv1");
        exchange.setProperty(YandexOperations.DEADLINE, Instant.now().plusSeconds(60));
        exchange.setProperty(YandexOperations.DONE, false);
        exchange.getMessage().setBody(reply.getBytes(StandardCharsets.UTF_8));
        operations.poll(exchange);
        return exchange;
    }
}
