package ru.newsmed.imagegen.jms;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.stereotype.Component;

/**
 * Opens the embedded Artemis broker to other processes when {@code IMAGE_JMS_EMBEDDED_ACCEPTOR} is
 * set (for example {@code tcp://127.0.0.1:61616}); without it the broker is reachable only inside
 * this JVM. It has no effect with an external broker ({@code SPRING_ARTEMIS_MODE=native}).
 */
@Component
public class EmbeddedBrokerAcceptor implements ArtemisConfigurationCustomizer {

    private final String acceptor;

    public EmbeddedBrokerAcceptor(@Value("${image.jms.embedded-acceptor:}") String acceptor) {
        this.acceptor = acceptor == null ? "" : acceptor.strip();
    }

    @Override
    public void customize(org.apache.activemq.artemis.core.config.Configuration configuration) {
        if (acceptor.isEmpty()) {
            return;
        }
        try {
            configuration.addAcceptorConfiguration("image-generation-external", acceptor);
        } catch (Exception e) {
            throw new IllegalStateException("IMAGE_JMS_EMBEDDED_ACCEPTOR is not a valid acceptor URL: " + acceptor, e);
        }
    }
}
