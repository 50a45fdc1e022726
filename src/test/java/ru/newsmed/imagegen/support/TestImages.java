package ru.newsmed.imagegen.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/** Real, decodable JPEG and PNG images made on the spot, for the upload tests. */
public final class TestImages {

    private TestImages() {
    }

    public static byte[] jpeg(int width, int height) {
        return encode("jpeg", width, height);
    }

    public static byte[] png(int width, int height) {
        return encode("png", width, height);
    }

    /**
     * A decodable JPEG of exactly {@code size} bytes: a small image whose comment (COM) segments,
     * right after its start marker, fill it up.
     */
    public static byte[] jpegOfSize(int size) {
        byte[] image = jpeg(16, 16);
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.write(image, 0, 2);
        int fill = size - image.length;
        if (fill != 0 && fill < 4) {
            throw new IllegalArgumentException("A comment segment takes at least 4 bytes: " + size);
        }
        while (fill > 0) {
            int segment = Math.min(fill, 65535 + 2);
            if (fill - segment > 0 && fill - segment < 4) {
                segment -= 4;
            }
            int length = segment - 2;
            out.write(0xFF);
            out.write(0xFE);
            out.write(length >> 8);
            out.write(length & 0xFF);
            out.write(new byte[length - 2], 0, length - 2);
            fill -= segment;
        }
        out.write(image, 2, image.length - 2);
        return out.toByteArray();
    }

    private static byte[] encode(String format, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(40, 120, 200));
        graphics.fillRect(0, 0, width, height);
        graphics.setColor(Color.WHITE);
        graphics.fillOval(width / 4, height / 4, Math.max(1, width / 2), Math.max(1, height / 2));
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
