package ru.newsmed.imagegen.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.fileupload.InvalidFileNameException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads a request body whole, on the container's thread, within its deadline from its start,
 * before the request goes on: a body trickled or stalled past that is answered 408
 * request_timeout and its connection closed ({@link BodyNotReceived}), so a slow client holds no
 * thread for longer. Each read waits at most {@code IMAGE_BODY_READ_TIMEOUT} as well (Tomcat's
 * connectionUploadTimeout, {@link BodyReadTimeouts}).
 * <ul>
 * <li>A multipart body (an upload) gets {@code IMAGE_UPLOAD_READ_TIMEOUT} and is parsed here
 * into its parts, as Tomcat would parse it ({@link MultipartParts}): the request handed on
 * ({@link ReadMultipartRequest}) has them, or fails as Tomcat fails a body it cannot parse; their
 * temporary files are deleted when the request ends.</li>
 * <li>Any other body gets {@code IMAGE_BODY_READ_TIMEOUT}; only its first
 * {@code image.max-request-bytes} + 1 bytes are kept: a longer body is refused 413 by its route
 * anyway.</li>
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class BodyReadDeadline extends OncePerRequestFilter {

    private final BodyDeadline bodyDeadline;
    private final BodyDeadline uploadDeadline;
    private final int kept;
    private final MultipartParts multipartParts;
    private final BodyNotReceived notReceived;

    public BodyReadDeadline(@Value("${imagegen.body-read-timeout}") String timeout,
                            @Value("${imagegen.upload.read-timeout}") String uploadTimeout,
                            @Value("${imagegen.max-request-bytes}") int maxRequestBytes,
                            ObjectProvider<MultipartConfigElement> multipartConfig, ServerProperties server,
                            ObjectMapper objectMapper) {
        this.bodyDeadline = new BodyDeadline(timeout, "IMAGE_BODY_READ_TIMEOUT");
        this.uploadDeadline = new BodyDeadline(uploadTimeout, "IMAGE_UPLOAD_READ_TIMEOUT");
        this.kept = maxRequestBytes + 1;
        MultipartConfigElement config = multipartConfig.getIfAvailable();
        this.multipartParts = config == null ? null : new MultipartParts(config, server);
        this.notReceived = new BodyNotReceived(objectMapper);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        boolean body = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        return (multipart(request) && multipartParts == null) || !body || request.getRequestURI().startsWith("/actuator");
    }

    private static boolean multipart(HttpServletRequest request) {
        String contentType = request.getContentType();
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (multipart(request)) {
            readMultipart(request, response, chain);
            return;
        }
        BodyDeadlineStream in = new BodyDeadlineStream(request.getInputStream(), bodyDeadline.from(System.nanoTime()));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                body.write(chunk, 0, Math.min(n, Math.max(0, kept - body.size())));
            }
        } catch (IOException e) {
            notReceived.answer(request, response, in, bodyDeadline, e);
            return;
        }
        chain.doFilter(new BufferedBodyRequest(request, body.toByteArray()), response);
    }

    private void readMultipart(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        BodyDeadlineStream in = new BodyDeadlineStream(request.getInputStream(), uploadDeadline.from(System.nanoTime()));
        ReadMultipartRequest read;
        try {
            read = ReadMultipartRequest.parsed(request, multipartParts.parse(request, in));
        } catch (IOException | IllegalStateException | InvalidFileNameException e) {
            if (in.deadlinePassed() || in.readFailed()) {
                notReceived.answer(request, response, in, uploadDeadline, e);
                return;
            }
            read = ReadMultipartRequest.unparsable(request, e);
        }
        try {
            if (!read.unparsable()) {
                try {
                    in.drain(); // the epilogue after the closing boundary, if any
                } catch (IOException e) {
                    notReceived.answer(request, response, in, uploadDeadline, e);
                    return;
                }
            }
            chain.doFilter(read, response);
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new WhenAsyncCompletes(read::deleteParts));
            } else {
                read.deleteParts();
            }
        }
    }
}
