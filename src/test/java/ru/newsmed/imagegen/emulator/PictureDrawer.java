package ru.newsmed.imagegen.emulator;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.imageio.ImageIO;

/**
 * Draws the emulated providers' pictures with Java2D: real JPEGs of the asked size with a
 * gradient and a few shapes chosen by the prompt (the same prompt gives the same colours), the
 * provider's name at the top and the prompt's words wrapped in the middle. Works headless. A fixed
 * picture (a benchmark's real image of a chosen size) can stand in for the drawing.
 */
final class PictureDrawer {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final int MAX_LINES = 9;

    private volatile byte[] fixed;

    /** From now on every picture is these bytes, not drawn (null: drawn again). */
    void fixed(byte[] picture) {
        this.fixed = picture;
    }

    /**
     * A JPEG of {@code width} x {@code height} showing {@code provider} and {@code prompt}, or the
     * {@link #fixed} picture when one is set.
     */
    byte[] draw(String provider, String prompt, int width, int height) {
        byte[] picture = fixed;
        if (picture != null) {
            return picture;
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            Random random = new Random(prompt.hashCode());
            background(graphics, random, width, height);
            caption(graphics, provider, width, height);
            words(graphics, prompt, width, height);
        } finally {
            graphics.dispose();
        }
        return jpeg(image);
    }

    private static void background(Graphics2D graphics, Random random, int width, int height) {
        float hue = random.nextFloat();
        graphics.setPaint(new GradientPaint(0, 0, Color.getHSBColor(hue, 0.55f, 0.9f),
                width, height, Color.getHSBColor((hue + 0.2f) % 1f, 0.75f, 0.3f)));
        graphics.fillRect(0, 0, width, height);
        graphics.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.18f));
        int side = Math.min(width, height);
        for (int i = 0; i < 7; i++) {
            int diameter = side / 6 + random.nextInt(side / 2);
            graphics.setColor(Color.getHSBColor((hue + random.nextFloat() * 0.4f) % 1f, 0.4f, 1f));
            graphics.fillOval(random.nextInt(width) - diameter / 2, random.nextInt(height) - diameter / 2, diameter, diameter);
        }
        graphics.setComposite(AlphaComposite.SrcOver);
    }

    private static void caption(Graphics2D graphics, String provider, int width, int height) {
        int side = Math.min(width, height);
        graphics.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, side / 22)));
        graphics.setColor(new Color(255, 255, 255, 230));
        int margin = side / 24;
        graphics.drawString(provider, margin, margin + graphics.getFontMetrics().getAscent());
        graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, side / 40)));
        graphics.drawString("offline emulator · " + width + "x" + height, margin, height - margin);
        graphics.setStroke(new BasicStroke(Math.max(2, side / 200f)));
        graphics.drawRect(margin / 2, margin / 2, width - margin, height - margin);
    }

    /** The prompt wrapped to the picture's width, centred; a smaller font when it is long. */
    private static void words(Graphics2D graphics, String prompt, int width, int height) {
        int side = Math.min(width, height);
        int textWidth = width * 4 / 5;
        int size = Math.max(12, side / 14);
        List<String> lines = wrap(graphics, prompt, new Font(Font.SANS_SERIF, Font.BOLD, size), textWidth);
        while (lines.size() > MAX_LINES && size > 12) {
            size = size * 4 / 5;
            lines = wrap(graphics, prompt, new Font(Font.SANS_SERIF, Font.BOLD, size), textWidth);
        }
        if (lines.size() > MAX_LINES) {
            lines = new ArrayList<>(lines.subList(0, MAX_LINES));
            lines.set(MAX_LINES - 1, lines.get(MAX_LINES - 1) + " …");
        }
        graphics.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
        FontMetrics metrics = graphics.getFontMetrics();
        int lineHeight = metrics.getHeight();
        int y = (height - lineHeight * lines.size()) / 2 + metrics.getAscent();
        for (String line : lines) {
            int x = (width - metrics.stringWidth(line)) / 2;
            graphics.setColor(new Color(0, 0, 0, 120));
            graphics.drawString(line, x + Math.max(1, size / 16), y + Math.max(1, size / 16));
            graphics.setColor(Color.WHITE);
            graphics.drawString(line, x, y);
            y += lineHeight;
        }
    }

    private static List<String> wrap(Graphics2D graphics, String text, Font font, int maxWidth) {
        FontMetrics metrics = graphics.getFontMetrics(font);
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            String longer = line.length() == 0 ? word : line + " " + word;
            if (line.length() > 0 && metrics.stringWidth(longer) > maxWidth) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(longer);
            }
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static byte[] jpeg(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "jpeg", out)) {
                throw new IllegalStateException("No JPEG writer in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
