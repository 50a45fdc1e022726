package ru.newsmed.imagegen.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import ru.newsmed.imagegen.errors.ErrorCode;
import ru.newsmed.imagegen.errors.ErrorResponses;

/**
 * A request body that did not arrive ({@link BodyReadDeadline}): past its deadline it is answered
 * 408 request_timeout here, its connection closed; a read that waited past connectionUploadTimeout,
 * or a client gone, has Tomcat set a 400 that ContractErrorValve answers as 408 when the read timed
 * out. Logged either way, without a stack trace.
 */
final class BodyNotReceived {

    private static final Logger LOG = LoggerFactory.getLogger(BodyReadDeadline.class);

    private final ObjectMapper objectMapper;

    BodyNotReceived(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    void answer(HttpServletRequest request, HttpServletResponse response, BodyDeadlineStream in,
                BodyDeadline deadline, Exception e) throws IOException {
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
        objectMapper.writeValue(response.getOutputStream(), ErrorResponses.body(ErrorCode.REQUEST_TIMEOUT,
                "The request body was not received within " + deadline.seconds() + " s", null));
    }
}
