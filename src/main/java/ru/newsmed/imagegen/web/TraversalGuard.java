package ru.newsmed.imagegen.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import ru.newsmed.imagegen.errors.ErrorCode;
import ru.newsmed.imagegen.errors.ErrorResponses;

/**
 * Answers 404 in the contract's shape for any path that tries to climb out of its folder
 * ({@code ..}, encoded slashes or backslashes), before it reaches a route. Tomcat lets encoded
 * slashes through ({@link EncodedSlashes}) so that they get this answer rather than its own page.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TraversalGuard extends OncePerRequestFilter {

    private final ObjectMapper objectMapper;

    public TraversalGuard(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().toLowerCase(Locale.ROOT);
        if (path.contains("..") || path.contains("%2f") || path.contains("%5c") || path.contains("%2e")) {
            response.setStatus(ErrorCode.NOT_FOUND.status());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            objectMapper.writeValue(response.getOutputStream(),
                    ErrorResponses.body(ErrorCode.NOT_FOUND, "No such resource", null));
            return;
        }
        chain.doFilter(request, response);
    }
}
