package ru.newsmed.imagegen.upload;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicReference;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.errors.InvalidRequestException;
import ru.newsmed.imagegen.storage.ImageBytes;
import ru.newsmed.imagegen.storage.ImageKind;

/**
 * Accepts an upload only when it is a whole, decodable JPEG or PNG: its magic bytes name the
 * format, its header gives the size (over {@code IMAGE_UPLOAD_MAX_PIXELS} it is refused before a
 * pixel is decoded), then every pixel is decoded, subsampled so that at most about a megapixel is
 * held in memory. An exception or a warning of the decoder refuses it, so a JPEG or PNG signature in
 * front of an HTML or SVG page is no image. The JPEG decoder silently fills a truncated image with
 * grey, so a JPEG must also end with its end marker {@code FF D9} (trailing zero bytes allowed).
 */
@Component("imagegenUploadedImageCheck")
public class UploadedImageCheck {

    /** Pixels decoded at most at once: the decode is subsampled down to this. */
    private static final long DECODED_PIXELS = 1_000_000;

    private final long maxPixels;

    public UploadedImageCheck(@Value("${imagegen.upload.max-pixels}") long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /** The kind of the image the bytes hold; 400 invalid_request (field file) when they hold none. */
    public ImageKind kind(byte[] bytes) {
        ImageKind kind = ImageBytes.kind(bytes).orElseThrow(() -> notAnImage("The file is not a JPEG or PNG image"));
        if (kind == ImageKind.JPEG && !endsWithEndMarker(bytes)) {
            throw notAnImage("The file is not a complete JPEG image: it does not end with the JPEG end marker");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(kind == ImageKind.PNG ? "png" : "jpeg");
        if (!readers.hasNext()) {
            throw new IllegalStateException("No ImageIO reader for " + kind);
        }
        ImageReader reader = readers.next();
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            AtomicReference<String> warning = new AtomicReference<>();
            reader.addIIOReadWarningListener(warningTo(warning));
            reader.setInput(input, true, true);
            long width = reader.getWidth(0);
            long height = reader.getHeight(0);
            if (width * height > maxPixels) {
                throw notAnImage("The image is " + width + " x " + height + " pixels, more than the "
                        + maxPixels + " an upload may have");
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = (int) Math.ceil(Math.sqrt((double) (width * height) / DECODED_PIXELS));
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            decode(reader, kind, param);
            if (warning.get() != null) {
                throw notAnImage("The file is not a complete " + kind + " image");
            }
            return kind;
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidRequestException refused) {
                throw refused;
            }
            throw notAnImage("The file is not a decodable " + kind + " image");
        } finally {
            reader.dispose();
        }
    }

    /**
     * Decodes the whole image. A JPEG is read as a raster (no colour conversion, so CMYK JPEGs
     * pass too); the PNG reader has no raster read.
     */
    private static void decode(ImageReader reader, ImageKind kind, ImageReadParam param) throws IOException {
        if (kind == ImageKind.JPEG && reader.canReadRaster()) {
            reader.readRaster(0, param);
        } else {
            reader.read(0, param);
        }
    }

    private static boolean endsWithEndMarker(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        return end >= 4 && bytes[end - 2] == (byte) 0xFF && bytes[end - 1] == (byte) 0xD9;
    }

    private static IIOReadWarningListener warningTo(AtomicReference<String> warning) {
        return (source, message) -> warning.compareAndSet(null, message);
    }

    private static InvalidRequestException notAnImage(String message) {
        return new InvalidRequestException(ImageUploads.PART, message);
    }
}
