package ru.newsmed.imagegen.ops;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.autoconfigure.metrics.MeterRegistryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Prometheus refuses a meter registered again with other tag keys, and Micrometer then drops it
 * without a word. This says so in the log (and keeps the names), so no meter disappears silently.
 */
@Component
public class MeterRegistrationWatch implements MeterRegistryCustomizer<MeterRegistry> {

    private static final Logger LOG = LoggerFactory.getLogger(MeterRegistrationWatch.class);

    private final List<String> failures = new CopyOnWriteArrayList<>();

    @Override
    public void customize(MeterRegistry registry) {
        registry.config().onMeterRegistrationFailed((id, reason) -> {
            failures.add(id.getName());
            LOG.warn("Meter {} {} was not registered: {}", id.getName(), id.getTags(), reason);
        });
    }

    /** The names of the meters refused so far. */
    public List<String> failures() {
        return List.copyOf(failures);
    }
}
