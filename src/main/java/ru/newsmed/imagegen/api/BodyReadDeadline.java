package ru.newsmed.imagegen.api;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.fileupload.InvalidFileNameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads a request body whole, on the container's thread, within its deadline from its start,
 * before the request goes on: a body trickled or stalled past that is answered 408
 * request_timeout (logged, no stack trace) and its connection closed, so a slow client holds no
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

    private static final Logger LOG = LoggerFactory.getLogger(BodyReadDeadline.class);

    private final Deadline bodyDeadline;
    private final Deadline uploadDeadline;
    private final int kept;
    private final MultipartParts multipartParts;
    private final ObjectMapper objectMapper;

    public BodyReadDeadline(@Value("${imagegen.body-read-timeout}") String timeout,
                            @Value("${imagegen.upload.read-timeout}") String uploadTimeout,
                            @Value("${imagegen.max-request-bytes}") int maxRequestBytes,
                            ObjectProvider<MultipartConfigElement> multipartConfig, ServerProperties server,
                            ObjectMapper objectMapper) {
        this.bodyDeadline = new Deadline(timeout, "IMAGE_BODY_READ_TIMEOUT");
        this.uploadDeadline = new Deadline(uploadTimeout, "IMAGE_UPLOAD_READ_TIMEOUT");
        this.kept = maxRequestBytes + 1;
        MultipartConfigElement config = multipartConfig.getIfAvailable();
        this.multipartParts = config == null ? null : new MultipartParts(config, server);
        this.objectMapper = objectMapper;
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
            notRead(request, response, in, bodyDeadline, e);
            return;
        }
        chain.doFilter(new ReadBody(request, body.toByteArray()), response);
    }

    private void readMultipart(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        BodyDeadlineStream in = new BodyDeadlineStream(request.getInputStream(), uploadDeadline.from(System.nanoTime()));
        ReadMultipartRequest read;
        try {
            read = ReadMultipartRequest.parsed(request, multipartParts.parse(request, in));
        } catch (IOException | IllegalStateException | InvalidFileNameException e) {
            if (in.deadlinePassed() || in.readFailed()) {
                notRead(request, response, in, uploadDeadline, e);
                return;
            }
            read = ReadMultipartRequest.unparsable(request, e);
        }
        try {
            if (!read.unparsable()) {
                try {
                    in.drain(); // the epilogue after the closing boundary, if any
                } catch (IOException e) {
                    notRead(request, response, in, uploadDeadline, e);
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

    /**
     * A body that did not arrive: past its deadline it is answered 408 here; a read that waited past
     * connectionUploadTimeout, or a client gone, has Tomcat set a 400 that ContractErrorValve answers
     * as 408 when the read timed out.
     */
    private void notRead(HttpServletRequest request, HttpServletResponse response, BodyDeadlineStream in,
                         Deadline deadline, Exception e) throws IOException {
        if (!in.deadlinePassed()) {
            LOG.info("The body of {} {} could not be read within {} ({} s): {}",
                    request.getMethod(), request.getRequestURI(), deadline.knob(), deadline.seconds(), e.toString());
            return;
        }
        LOG.info("Answered 408 to {} {}: its body arrived too slowly ({} {} s)",
                request.getMethod(), request.getRequestURI(), deadline.knob(), deadline.seconds());
        response.setStatus(ErrorCode.REQUEST_TIMEOUT.status());
        response.setHeader("Connection", "close");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        objectMapper.writeValue(response.getOutputStream(), ApiResponses.errorBody(ErrorCode.REQUEST_TIMEOUT,
                "The request body was not received within " + deadline.seconds() + " s", null));
    }

    /** How long a body may take to arrive, and the setting that says so. */
    private record Deadline(Duration timeout, String knob) {

        Deadline(String timeout, String knob) {
            this(DurationStyle.detectAndParse(timeout, ChronoUnit.SECONDS), knob);
        }

        long from(long startNanos) {
            return startNanos + timeout.toNanos();
        }

        long seconds() {
            return timeout.toSeconds();
        }
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
