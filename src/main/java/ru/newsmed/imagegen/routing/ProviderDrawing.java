package ru.newsmed.imagegen.routing;

import java.util.Arrays;

import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.errors.ProviderFailedException;
import ru.newsmed.imagegen.storage.Drawing;
import ru.newsmed.imagegen.storage.ImageKind;

/**
 * The boundary with the provider Kamelets: what they give out, the image bytes as the body and the
 * headers ImageGenContentType, ImageGenModelUsed and ImageGenPromptSent, as a {@link Drawing} of
 * the provider that drew it (the attempt route's parameter). The one place that reads their outcome.
 */
@Component("imagegenProviderDrawing")
public class ProviderDrawing {

    public Drawing read(@Body byte[] bytes, String provider, @Header("ImageGenContentType") String contentType,
                        @Header("ImageGenModelUsed") String modelUsed, @Header("ImageGenPromptSent") String promptSent) {
        ImageKind kind = Arrays.stream(ImageKind.values()).filter(candidate -> candidate.mediaType().equals(contentType))
                .findFirst().orElseThrow(() -> new ProviderFailedException(provider + " gave an image of type " + contentType));
        return Drawing.drawn(bytes, kind, provider, modelUsed, promptSent);
    }
}
