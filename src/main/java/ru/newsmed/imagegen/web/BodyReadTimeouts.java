package ru.newsmed.imagegen.web;

import java.time.temporal.ChronoUnit;

import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Each read of a request body waits at most {@code IMAGE_BODY_READ_TIMEOUT} (Tomcat's
 * connectionUploadTimeout, instead of its connection timeout of 60 s): a body that stalls is
 * answered 408 then (BodyReadDeadline, ContractErrorValve).
 */
@Component
public class BodyReadTimeouts implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final int timeoutMs;

    public BodyReadTimeouts(@Value("${imagegen.body-read-timeout}") String timeout) {
        this.timeoutMs = Math.toIntExact(DurationStyle.detectAndParse(timeout, ChronoUnit.SECONDS).toMillis());
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                http.setDisableUploadTimeout(false);
                http.setConnectionUploadTimeout(timeoutMs);
            }
        });
    }
}
