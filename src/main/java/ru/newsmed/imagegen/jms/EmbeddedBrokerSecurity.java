package ru.newsmed.imagegen.jms;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Secures the embedded broker when IMAGE_JMS_EMBEDDED_ACCEPTOR opens it to other processes: a
 * client from outside logs in as IMAGE_JMS_USER / IMAGE_JMS_PASSWORD and gets only the rights
 * {@link ExternalClientAccess} grants; the service inside this JVM keeps every right. Start-up
 * fails when the acceptor is set without both. Without the acceptor the broker is reachable only
 * inside this JVM and stays as Spring Boot makes it.
 */
@Component
public class EmbeddedBrokerSecurity implements BeanPostProcessor {

    private final String acceptor;
    private final String user;
    private final String password;
    private final String requestQueue;

    public EmbeddedBrokerSecurity(@Value("${imagegen.jms.embedded-acceptor:}") String acceptor,
            @Value("${imagegen.jms.user:}") String user, @Value("${imagegen.jms.password:}") String password,
            @Value("${imagegen.jms.queue}") String requestQueue) {
        this.acceptor = acceptor == null ? "" : acceptor.strip();
        this.user = user == null ? "" : user.strip();
        this.password = password == null ? "" : password;
        this.requestQueue = requestQueue;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof EmbeddedActiveMQ broker && !acceptor.isEmpty()) {
            if (user.isEmpty() || password.isEmpty()) {
                throw new IllegalStateException("IMAGE_JMS_EMBEDDED_ACCEPTOR opens the broker to other processes:"
                        + " set IMAGE_JMS_USER and IMAGE_JMS_PASSWORD, the login its clients must give");
            }
            ExternalClientAccess access = new ExternalClientAccess(user, password, requestQueue, broker::getActiveMQServer);
            Configuration configuration = broker.getConfiguration();
            configuration.setSecurityEnabled(true);
            // Rights depend on the connection (inside this JVM or not), not only on the login:
            // nothing may be remembered per login.
            configuration.setAuthenticationCacheSize(0);
            configuration.setAuthorizationCacheSize(0);
            configuration.registerBrokerPlugin(new TemporaryQueuesOnly(user));
            broker.setSecurityManager(access);
        }
        return bean;
    }
}
