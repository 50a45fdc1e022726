package com.example.esb;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Stands for an existing ESB that adds the bundle as a dependency: its own package (it scans
 * nothing of ours), its own configuration file ({@code esb-host.yml}), YAML routes, dead letter
 * channel, REST configuration and context path, and beans named as ours were before they carried
 * the {@code imagegen} prefix. It only gets our auto-configuration.
 */
@SpringBootApplication
public class EsbHostApplication {

    /** What the host's dead letter channel received: the host's own failed messages. */
    @Bean
    List<String> deadLetters() {
        return new CopyOnWriteArrayList<>();
    }

    /** A bean of the host's named as one of ours was before the prefix. */
    @Bean
    String storedImages() {
        return "the host's own storedImages";
    }

    /** And another one, of a type of ours would never be. */
    @Bean
    EsbOrders requestGuard() {
        return new EsbOrders();
    }

    public static class EsbOrders {
        public String confirm(String order) {
            return "confirmed " + order;
        }
    }
}
