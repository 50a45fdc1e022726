package ru.newsmed.imagegen.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests java.net.http refuses to send (a NUL in the path, a
 * 9 KB URL, 101 headers) and for bodies sent slowly. One request per connection.
 */
public final class RawHttp implements AutoCloseable {

    /** A response as it came off the wire. */
    public record Response(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Socket socket;

    public RawHttp(int port, int readTimeoutMs) throws IOException {
        socket = new Socket("localhost", port);
        socket.setSoTimeout(readTimeoutMs);
    }

    /** Sends the request head as given (lines joined with CRLF, ended by an empty line). */
    public RawHttp head(String... lines) throws IOException {
        return write(String.join("\r\n", lines) + "\r\n\r\n");
    }

    public RawHttp write(String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** Sends a request and reads its answer. */
    public static Response exchange(int port, String... headLines) throws IOException {
        try (RawHttp http = new RawHttp(port, 30_000)) {
            return http.head(headLines).response();
        }
    }

    /** Reads the answer: until Content-Length bytes of body, the last chunk, or the server closes. */
    public Response response() throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        int headEnd = -1;
        while (headEnd < 0) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Connection closed before a response head: " + raw);
            }
            raw.write(b);
            headEnd = raw.toString(StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
        }
        String[] lines = raw.toString(StandardCharsets.ISO_8859_1).substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunked(in);
        } else {
            body = untilClosed(in);
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
            if (size == 0) {
                line(in);
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            line(in);
        }
    }

    private static byte[] untilClosed(InputStream in) throws IOException {
        try {
            return in.readAllBytes();
        } catch (SocketTimeoutException e) {
            throw new IOException("No end of the body", e);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
