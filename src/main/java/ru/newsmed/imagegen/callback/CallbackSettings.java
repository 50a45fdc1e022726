package ru.newsmed.imagegen.callback;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code imagegen.callback.*} settings: where a job's {@code callback_url} may point, the key
 * its body is signed with, and how its delivery is retried.
 *
 * @param allowedHosts host names a callback_url may name, comma-separated ({@code IMAGE_CALLBACK_ALLOWED_HOSTS})
 * @param secret       the HMAC-SHA256 key of the signature ({@code IMAGE_CALLBACK_SECRET}); never logged
 * @param maxAttempts  attempts to deliver one callback, the first included ({@code IMAGE_CALLBACK_MAX_ATTEMPTS})
 * @param retryDelayMs the wait before the second attempt, doubled for each next one ({@code IMAGE_CALLBACK_RETRY_DELAY_MS})
 * @param maxDelayMs   the longest wait between two attempts ({@code IMAGE_CALLBACK_MAX_DELAY_MS})
 */
@ConfigurationProperties(prefix = "imagegen.callback")
public record CallbackSettings(String allowedHosts, String secret, int maxAttempts, long retryDelayMs, long maxDelayMs) {

    public CallbackSettings {
        allowedHosts = allowedHosts == null ? "" : allowedHosts;
        secret = secret == null ? "" : secret;
        if (maxAttempts < 1) {
            throw new IllegalStateException("IMAGE_CALLBACK_MAX_ATTEMPTS must be at least 1, not " + maxAttempts);
        }
    }

    /** The allowed host names, in lower case. */
    public Set<String> hosts() {
        return Arrays.stream(allowedHosts.split(",")).map(String::trim).filter(host -> !host.isEmpty())
                .map(CallbackSettings::comparable).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether callbacks can be taken at all: some host allowed, and a key to sign with. */
    public boolean enabled() {
        return !hosts().isEmpty() && !secret.isBlank();
    }

    /** A host name as compared: lower case, an IPv6 address without its brackets. */
    static String comparable(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.startsWith("[") && lower.endsWith("]") ? lower.substring(1, lower.length() - 1) : lower;
    }

    @Override
    public String toString() {
        return "CallbackSettings[allowedHosts=" + allowedHosts + ", secret=" + (secret.isEmpty() ? "(unset)" : "(set)")
                + ", maxAttempts=" + maxAttempts + ", retryDelayMs=" + retryDelayMs + ", maxDelayMs=" + maxDelayMs + "]";
    }
}
