package ru.newsmed.imagegen.api;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads a request body (but a multipart one) whole, on the container's thread, within
 * {@code IMAGE_BODY_READ_TIMEOUT} of its start, before the request goes on: a body trickled or
 * stalled past that is answered 408 request_timeout (logged, no stack trace) and its connection
 * closed, so a slow client holds no thread for longer. Each read waits at most as long as well
 * (Tomcat's connectionUploadTimeout, {@link BodyReadTimeouts}). Only the first
 * {@code image.max-request-bytes} + 1 bytes are kept: a longer body is refused 413 by its route
 * anyway. A multipart body is read by Tomcat itself and has only the per-read bound.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class BodyReadDeadline extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(BodyReadDeadline.class);

    private final Duration timeout;
    private final int kept;
    private final ObjectMapper objectMapper;

    public BodyReadDeadline(@Value("${image.body-read-timeout}") String timeout,
                            @Value("${image.max-request-bytes}") int maxRequestBytes, ObjectMapper objectMapper) {
        this.timeout = DurationStyle.detectAndParse(timeout, ChronoUnit.SECONDS);
        this.kept = maxRequestBytes + 1;
        this.objectMapper = objectMapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String contentType = request.getContentType();
        boolean multipart = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
        boolean body = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        return multipart || !body || request.getRequestURI().startsWith("/actuator");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            InputStream in = request.getInputStream();
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                body.write(chunk, 0, Math.min(n, Math.max(0, kept - body.size())));
                if (System.nanoTime() - deadline > 0) {
                    timedOut(request, response, "arrived too slowly");
                    return;
                }
            }
        } catch (IOException e) {
            // A read that waited past connectionUploadTimeout, or a client gone: Tomcat has set a 400
            // that ContractErrorValve answers as 408 when the read timed out.
            LOG.info("The body of {} {} could not be read within IMAGE_BODY_READ_TIMEOUT ({} s): {}",
                    request.getMethod(), request.getRequestURI(), timeout.toSeconds(), e.toString());
            return;
        }
        chain.doFilter(new ReadBody(request, body.toByteArray()), response);
    }

    private void timedOut(HttpServletRequest request, HttpServletResponse response, String why) throws IOException {
        LOG.info("Answered 408 to {} {}: its body {} (IMAGE_BODY_READ_TIMEOUT {} s)",
                request.getMethod(), request.getRequestURI(), why, timeout.toSeconds());
        response.setStatus(ErrorCode.REQUEST_TIMEOUT.status());
        response.setHeader("Connection", "close");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        objectMapper.writeValue(response.getOutputStream(), ApiResponses.errorBody(ErrorCode.REQUEST_TIMEOUT,
                "The request body was not received within " + timeout.toSeconds() + " s", null));
    }

    /** The request with its body already read. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body is read already");
                }
            };
        }
    }
}
