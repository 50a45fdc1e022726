package ru.newsmed.imagegen.jms;

import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerQueuePlugin;

/** The last word on a queue the outside client (IMAGE_JMS_USER) creates: a temporary one only. */
class TemporaryQueuesOnly implements ActiveMQServerQueuePlugin {

    private final SimpleString user;

    TemporaryQueuesOnly(String user) {
        this.user = SimpleString.of(user);
    }

    @Override
    public void beforeCreateQueue(QueueConfiguration queue) throws ActiveMQSecurityException {
        if (user.equals(queue.getUser()) && !Boolean.TRUE.equals(queue.isTemporary())) {
            throw new ActiveMQSecurityException(user + " may create temporary queues only");
        }
    }
}
