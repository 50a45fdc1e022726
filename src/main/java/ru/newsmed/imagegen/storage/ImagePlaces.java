package ru.newsmed.imagegen.storage;

import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Gives an image about to be stored its place: a fresh UUID, its file name and its public URL. */
@Component("imagegenImagePlaces")
public class ImagePlaces {

    private final String publicBaseUrl;

    public ImagePlaces(@Value("${imagegen.public-base-url}") String publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl;
    }

    public StoredImage place(Drawing drawing) {
        String id = UUID.randomUUID().toString();
        String name = id + "." + drawing.kind().extension();
        return new StoredImage(id, name, publicBaseUrl + "/" + name, drawing.kind().mediaType(), drawing.provider(), drawing.modelUsed());
    }
}
