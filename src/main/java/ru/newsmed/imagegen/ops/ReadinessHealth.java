package ru.newsmed.imagegen.ops;

import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The service's own state in Actuator's readiness group (never in liveness: an open circuit or a
 * missing key must take the instance out of traffic, not get the process restarted). A host that
 * does not want it in its own health turns it off: {@code management.health.imagegen.enabled=false}.
 */
@Component("imagegenHealthIndicator")
@ConditionalOnEnabledHealthIndicator("imagegen")
public class ReadinessHealth implements HealthIndicator {

    private final ServiceHealth health;

    public ReadinessHealth(ServiceHealth health) {
        this.health = health;
    }

    @Override
    public Health health() {
        String overall = health.overall();
        return ("DOWN".equals(overall) ? Health.down() : Health.up()).withDetail("status", overall).build();
    }
}
