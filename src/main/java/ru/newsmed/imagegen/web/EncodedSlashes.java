package ru.newsmed.imagegen.web;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Lets an encoded slash ({@code %2F}) through Tomcat undecoded, so a name such as
 * {@code ..%2F..%2Fetc} reaches the image route and gets the contract's 404 (it never names a
 * stored image) instead of Tomcat's own HTML 400 page.
 */
@Component
public class EncodedSlashes implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.setEncodedSolidusHandling("passthrough"));
    }
}
