package ru.newsmed.imagegen.web;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import org.apache.catalina.core.ApplicationPart;
import org.apache.tomcat.util.http.fileupload.FileItem;
import org.apache.tomcat.util.http.fileupload.FileUpload;
import org.apache.tomcat.util.http.fileupload.UploadContext;
import org.apache.tomcat.util.http.fileupload.disk.DiskFileItemFactory;
import org.springframework.boot.autoconfigure.web.ServerProperties;

/**
 * Parses a multipart body into parts as Tomcat's own {@code Request.getParts()} does (its bundled
 * FileUpload, each part an {@link ApplicationPart} kept in memory or in a temporary file of the
 * servlet context's folder), with the same limits: {@code spring.servlet.multipart.*} and
 * {@code server.tomcat.max-part-header-size} / {@code max-part-count}. Only the body is given:
 * a stream that must arrive by a deadline ({@link BodyReadDeadline}).
 */
final class MultipartParts {

    private final MultipartConfigElement config;
    private final int maxPartHeaderSize;
    private final int maxPartCount;

    MultipartParts(MultipartConfigElement config, ServerProperties server) {
        this.config = config;
        this.maxPartHeaderSize = Math.toIntExact(server.getTomcat().getMaxPartHeaderSize().toBytes());
        this.maxPartCount = server.getTomcat().getMaxPartCount();
    }

    /**
     * The parts of the body; throws FileUpload's exceptions as they come (no part is left on disk
     * then: FileUpload deletes those it made).
     */
    List<Part> parse(HttpServletRequest request, InputStream body) throws IOException {
        File location = location(request.getServletContext());
        DiskFileItemFactory factory = new DiskFileItemFactory();
        factory.setRepository(location.getCanonicalFile());
        factory.setSizeThreshold(config.getFileSizeThreshold());
        FileUpload upload = new FileUpload();
        upload.setFileItemFactory(factory);
        upload.setFileSizeMax(config.getMaxFileSize());
        upload.setSizeMax(config.getMaxRequestSize());
        upload.setPartHeaderSizeMax(maxPartHeaderSize);
        upload.setFileCountMax(maxPartCount);
        List<Part> parts = new ArrayList<>();
        for (FileItem item : upload.parseRequest(new Body(request, body))) {
            parts.add(new ApplicationPart(item, location));
        }
        return parts;
    }

    private File location(ServletContext context) throws IOException {
        File temporary = (File) context.getAttribute(ServletContext.TEMPDIR);
        String configured = config.getLocation();
        File location = configured == null || configured.isEmpty() ? temporary : new File(configured);
        if (!location.isAbsolute()) {
            location = new File(temporary, configured).getAbsoluteFile();
        }
        if (!location.isDirectory()) {
            throw new IOException("The multipart location " + location + " is not a folder");
        }
        return location;
    }

    /** The request's content type and length, and its body from the given stream. */
    private record Body(HttpServletRequest request, InputStream body) implements UploadContext {

        @Override
        public String getCharacterEncoding() {
            return request.getCharacterEncoding();
        }

        @Override
        public String getContentType() {
            return request.getContentType();
        }

        @Override
        public InputStream getInputStream() {
            return body;
        }

        @Override
        public long contentLength() {
            return request.getContentLengthLong();
        }
    }
}
