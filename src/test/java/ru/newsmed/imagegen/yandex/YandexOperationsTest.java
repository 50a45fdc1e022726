package ru.newsmed.imagegen.yandex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import ru.newsmed.imagegen.errors.ContentRefusedException;
import ru.newsmed.imagegen.errors.ProviderFailedException;

/** Reading a poll's reply, the image decoded while it is parsed. */
class YandexOperationsTest {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3, 4};

    private final YandexOperations operations = new YandexOperations("1", "60", "https://operation.example/operations/");

    @Test
    void aDoneOperationGivesTheDecodedImagePaddedOrNot() {
        String padded = Base64.getEncoder().encodeToString(JPEG);
        String unpadded = Base64.getEncoder().withoutPadding().encodeToString(JPEG);
        for (String base64 : new String[]{padded, unpadded}) {
            byte[] image = poll("{\"id\":\"fbv1\",\"done\":true,\"metadata\":null,"
                    + "\"response\":{\"@type\":\"x\",\"image\":\"" + base64 + "\",\"modelVersion\":\"\"}}");

            assertThat(image).isEqualTo(JPEG);
        }
    }

    @Test
    void aPendingOperationGivesNoImageYet() {
        assertThat(poll("{\"id\":\"fbv1\",\"done\":false}")).isNull();
    }

    @Test
    void aPendingOperationPastItsDeadlineFailsNamingIt() {
        Exchange exchange = exchange("{\"id\":\"fbv1\",\"done\":false}");

        assertThatThrownBy(() -> operations.image(exchange, "fbv1", Instant.now().minusSeconds(1)))
                .isInstanceOf(ProviderFailedException.class).hasMessageContaining("fbv1").hasMessageContaining("60 s");
    }

    @Test
    void pollsOnlyAnOperationIdThatIsAPlainToken() {
        assertThat(operations.pollUri("fbv-1.a_b")).isEqualTo("https://operation.example/operations/fbv-1.a_b");
        assertThatThrownBy(() -> operations.pollUri("../../foundationModels?x=1")).isInstanceOf(ProviderFailedException.class);
        assertThatThrownBy(() -> operations.started("{\"id\":\"a/b\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProviderFailedException.class).hasMessageContaining("operation id");
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

    private byte[] poll(String reply) {
        return operations.image(exchange(reply), "fbv1", Instant.now().plusSeconds(60));
    }

    private static Exchange exchange(String reply) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(reply.getBytes(StandardCharsets.UTF_8));
        return exchange;
    }
}
