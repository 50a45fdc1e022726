package ru.newsmed.imagegen.jms;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.server.ActivateCallback;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * The embedded broker's folders (journal, bindings, paging, large messages) are this instance's
 * own: without {@code SPRING_ARTEMIS_EMBEDDED_DATA_DIRECTORY} they lie in a folder of the JVM's
 * temporary directory named for this instance, which Artemis creates only if it writes there
 * (paging a full address) and which is removed when the broker stops. Spring Boot's default, one
 * {@code artemis-data} folder in the temporary directory, would be shared by every instance on
 * the machine. A persistent broker ({@code SPRING_ARTEMIS_EMBEDDED_PERSISTENT=true}) must be given
 * its folder: start-up fails otherwise.
 */
@Component
public class EmbeddedBrokerDataFolder implements ArtemisConfigurationCustomizer, BeanPostProcessor, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBrokerDataFolder.class);

    private final boolean given;
    private final boolean persistent;
    private final Path folder;

    public EmbeddedBrokerDataFolder(@Value("${spring.artemis.embedded.data-directory:}") String dataDirectory,
            @Value("${spring.artemis.embedded.persistent:false}") boolean persistent) {
        this.given = dataDirectory != null && !dataDirectory.isBlank();
        this.persistent = persistent;
        this.folder = Path.of(System.getProperty("java.io.tmpdir"), "image-generation-artemis-" + UUID.randomUUID());
    }

    @Override
    public void customize(Configuration configuration) {
        if (given) {
            return;
        }
        if (persistent) {
            throw new IllegalStateException("SPRING_ARTEMIS_EMBEDDED_PERSISTENT=true needs the broker's own folder:"
                    + " set SPRING_ARTEMIS_EMBEDDED_DATA_DIRECTORY");
        }
        configuration.setJournalDirectory(folder.resolve("journal").toString());
        configuration.setBindingsDirectory(folder.resolve("bindings").toString());
        configuration.setPagingDirectory(folder.resolve("paging").toString());
        configuration.setLargeMessagesDirectory(folder.resolve("largemessages").toString());
        configuration.setNodeManagerLockDirectory(folder.resolve("journal").toString());
    }

    /** Once the broker runs: the folder goes when it stops. */
    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof EmbeddedActiveMQ broker && !given && broker.getActiveMQServer() != null) {
            broker.getActiveMQServer().registerActivateCallback(new ActivateCallback() {
                @Override
                public void stop(ActiveMQServer server) {
                    remove();
                }

                @Override
                public void shutdown(ActiveMQServer server) {
                    remove();
                }
            });
        }
        return bean;
    }

    /** Before the acceptor's check, which may stop the broker. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    private void remove() {
        if (!Files.exists(folder)) {
            return;
        }
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("The embedded broker's folder {} could not be removed: {}", folder, e.toString());
        }
    }
}
