package ru.newsmed.imagegen.routing;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.storage.Drawing;
import ru.newsmed.imagegen.storage.ImageKind;

/**
 * The boundary with the provider flows (direct:imagegen-gigachat-generate,
 * direct:imagegen-yandex-generate): what they leave, the image bytes as the body and the
 * properties imageKind, provider, modelUsed and promptSent, as a {@link Drawing}. The one place
 * that reads their outcome, so drawing through the Kamelets (their headers ImageGenContentType,
 * ImageGenModelUsed, ImageGenPromptSent) changes only this.
 */
@Component("imagegenProviderDrawing")
public class ProviderDrawing {

    public Drawing read(@Body byte[] bytes, @ExchangeProperty("imageKind") ImageKind kind,
                        @ExchangeProperty("provider") String provider, @ExchangeProperty("modelUsed") String modelUsed,
                        @ExchangeProperty("promptSent") String promptSent) {
        return Drawing.drawn(bytes, kind, provider, modelUsed, promptSent);
    }
}
