package ru.newsmed.imagegen.jms;

import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.remoting.Acceptor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.stereotype.Component;

/**
 * Opens the embedded Artemis broker to other processes when {@code IMAGE_JMS_EMBEDDED_ACCEPTOR} is
 * set (for example {@code tcp://127.0.0.1:61616}); without it the broker is reachable only inside
 * this JVM. Start-up fails when the acceptor could not be opened (its port taken by another
 * instance, say): Artemis itself would only log it and run on. It has no effect with an external
 * broker ({@code SPRING_ARTEMIS_MODE=native}). Its clients log in: {@link EmbeddedBrokerSecurity}.
 */
@Component
public class EmbeddedBrokerAcceptor implements ArtemisConfigurationCustomizer, BeanPostProcessor {

    static final String NAME = "image-generation-external";

    private final String acceptor;

    public EmbeddedBrokerAcceptor(@Value("${imagegen.jms.embedded-acceptor:}") String acceptor) {
        this.acceptor = acceptor == null ? "" : acceptor.strip();
    }

    @Override
    public void customize(org.apache.activemq.artemis.core.config.Configuration configuration) {
        if (acceptor.isEmpty()) {
            return;
        }
        try {
            configuration.addAcceptorConfiguration(NAME, acceptor);
        } catch (Exception e) {
            throw new IllegalStateException("IMAGE_JMS_EMBEDDED_ACCEPTOR is not a valid acceptor URL: " + acceptor, e);
        }
    }

    /** After the broker started: its acceptor listens, or the broker is stopped and start-up fails. */
    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof EmbeddedActiveMQ broker && !acceptor.isEmpty()) {
            ActiveMQServer server = broker.getActiveMQServer();
            Acceptor opened = server == null ? null : server.getRemotingService().getAcceptor(NAME);
            if (!listens(opened)) {
                try {
                    broker.stop();
                } catch (Exception e) {
                    // Start-up fails below either way.
                }
                throw new IllegalStateException("The embedded broker could not open IMAGE_JMS_EMBEDDED_ACCEPTOR "
                        + acceptor + " (is the address in use?)");
            }
        }
        return bean;
    }

    /** Artemis calls an acceptor started even when its bind failed: a TCP one must have its port. */
    private static boolean listens(Acceptor acceptor) {
        if (acceptor == null || !acceptor.isStarted()) {
            return false;
        }
        return !(acceptor instanceof NettyAcceptor netty) || netty.getActualPort() > 0;
    }
}
