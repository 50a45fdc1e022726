package ru.newsmed.imagegen.gigachat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import ru.newsmed.imagegen.errors.ContentRefusedException;
import ru.newsmed.imagegen.errors.ProviderFailedException;

class FileIdExtractorTest {

    private static final String ID = "3c9622d2-f095-4efb-9547-f68e3cc65dfd";
    private final FileIdExtractor extractor = new FileIdExtractor(new ObjectMapper());

    @Test
    void findsTheIdWithTextAroundTheTag() {
        assertThat(extractor.extract(reply("Вот: <img src=\\\"" + ID + "\\\" fuse=\\\"true\\\"/> Нарисовал маяк", "stop")))
                .isEqualTo(ID);
    }

    @Test
    void acceptsSingleQuotesOtherAttributesAndUpperCase() {
        assertThat(extractor.extract(reply("<IMG fuse='true' src='" + ID.toUpperCase() + "'/>", "stop"))).isEqualTo(ID);
    }

    @Test
    void rejectsAnythingButAUuid() {
        for (String src : new String[]{"https://evil.example/a.jpg", ID + "/../x", "../" + ID, ID + "?a=1", ""}) {
            assertThatThrownBy(() -> extractor.extract(reply("<img src=\\\"" + src + "\\\"/>", "stop")))
                    .as(src).isInstanceOf(ProviderFailedException.class);
        }
    }

    @Test
    void treatsTextOnlyAndBlacklistAsRefusals() {
        assertThatThrownBy(() -> extractor.extract(reply("Я не буду это рисовать", "stop")))
                .isInstanceOf(ContentRefusedException.class);
        assertThatThrownBy(() -> extractor.extract(reply("<img src=\\\"" + ID + "\\\"/>", "blacklist")))
                .isInstanceOf(ContentRefusedException.class);
    }

    @Test
    void failsOnAReplyThatIsNotAChatCompletion() {
        assertThatThrownBy(() -> extractor.extract("<html>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProviderFailedException.class);
        assertThatThrownBy(() -> extractor.extract("{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProviderFailedException.class);
    }

    private static byte[] reply(String content, String finishReason) {
        return ("{\"choices\":[{\"message\":{\"content\":\"" + content + "\"},\"finish_reason\":\"" + finishReason + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
