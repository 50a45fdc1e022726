package ru.newsmed.imagegen.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.Part;
import org.apache.tomcat.util.http.fileupload.InvalidFileNameException;
import org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.InvalidContentTypeException;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;

/**
 * A multipart request whose body was read and parsed already ({@link MultipartParts}): its parts,
 * or the failure to parse them thrown as Tomcat's {@code Request.getParts()} throws it (so Spring's
 * multipart resolver and {@link ServletLimits} answer as they did). The form fields (parts without
 * a file name) are request parameters after those of the query, as in Tomcat.
 */
final class ReadMultipartRequest extends HttpServletRequestWrapper {

    private final List<Part> parts;
    private final Exception failure;
    private Map<String, String[]> parameters;

    private ReadMultipartRequest(HttpServletRequest request, List<Part> parts, Exception failure) {
        super(request);
        this.parts = parts;
        this.failure = failure;
    }

    static ReadMultipartRequest parsed(HttpServletRequest request, List<Part> parts) {
        return new ReadMultipartRequest(request, List.copyOf(parts), null);
    }

    /** A body that could not be parsed, failing as Tomcat fails it. */
    static ReadMultipartRequest unparsable(HttpServletRequest request, Exception e) {
        Exception failure = e;
        if (e instanceof InvalidContentTypeException || e instanceof InvalidFileNameException) {
            failure = new ServletException(e);
        } else if (e instanceof SizeException || e instanceof FileCountLimitExceededException) {
            failure = new IllegalStateException(e);
        }
        return new ReadMultipartRequest(request, List.of(), failure);
    }

    boolean unparsable() {
        return failure != null;
    }

    @Override
    public Collection<Part> getParts() throws IOException, ServletException {
        if (failure instanceof IOException e) {
            throw e;
        }
        if (failure instanceof ServletException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        return parts;
    }

    @Override
    public Part getPart(String name) throws IOException, ServletException {
        for (Part part : getParts()) {
            if (part.getName().equals(name)) {
                return part;
            }
        }
        return null;
    }

    /** Deletes the parts' temporary files. */
    void deleteParts() {
        for (Part part : parts) {
            try {
                part.delete();
            } catch (IOException e) {
                // a part kept in memory, or deleted already
            }
        }
    }

    @Override
    public String getParameter(String name) {
        String[] values = getParameterMap().get(name);
        return values == null ? null : values[0];
    }

    @Override
    public String[] getParameterValues(String name) {
        String[] values = getParameterMap().get(name);
        return values == null ? null : values.clone();
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(getParameterMap().keySet());
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        if (parameters == null) {
            Map<String, List<String>> merged = new LinkedHashMap<>();
            super.getParameterMap().forEach((name, values) -> merged.computeIfAbsent(name, n -> new ArrayList<>()).addAll(List.of(values)));
            String encoding = getCharacterEncoding() != null ? getCharacterEncoding() : StandardCharsets.ISO_8859_1.name();
            for (Part part : parts) {
                if (part.getSubmittedFileName() == null) {
                    merged.computeIfAbsent(part.getName(), n -> new ArrayList<>()).add(fieldValue(part, encoding));
                }
            }
            Map<String, String[]> map = new LinkedHashMap<>();
            merged.forEach((name, values) -> map.put(name, values.toArray(String[]::new)));
            parameters = Collections.unmodifiableMap(map);
        }
        return parameters;
    }

    private static String fieldValue(Part part, String encoding) {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), encoding);
        } catch (IOException e) {
            return "";
        }
    }
}
