package ru.newsmed.imagegen.callback;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.errors.InvalidRequestException;

/**
 * Which {@code callback_url} a job may be given: an http or https URL, with no user name or
 * password in it, whose host name (any port, case ignored) is listed in
 * {@code IMAGE_CALLBACK_ALLOWED_HOSTS}; none at all while that list or {@code IMAGE_CALLBACK_SECRET}
 * is unset. Anything else is 400 invalid_request naming {@code callback_url}. Checked when the job
 * is taken, and again right before each delivery.
 */
@Component("imagegenCallbackUrls")
public class CallbackUrls {

    static final String FIELD = "callback_url";
    static final int MAX_LENGTH = 2048;
    private static final int MAX_PORT = 65535;

    private final Set<String> allowedHosts;
    private final boolean enabled;

    public CallbackUrls(CallbackSettings settings) {
        this.allowedHosts = settings.hosts();
        this.enabled = settings.enabled();
    }

    /** The URL, normalized (scheme and host in lower case, no fragment), once it is one a callback may go to. */
    public URI check(String url) {
        if (!enabled) {
            throw refused("callback_url is not accepted: this service has no IMAGE_CALLBACK_ALLOWED_HOSTS "
                    + "or no IMAGE_CALLBACK_SECRET");
        }
        if (url == null || url.isBlank()) {
            throw refused("callback_url must be an http or https URL");
        }
        if (url.length() > MAX_LENGTH) {
            throw refused("callback_url must be at most " + MAX_LENGTH + " characters");
        }
        URI uri = parse(url.trim());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused("callback_url must be an http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw refused("callback_url must not carry a user name or password");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw refused("callback_url must name a host");
        }
        if (uri.getPort() > MAX_PORT) {
            throw refused("callback_url names a port beyond " + MAX_PORT);
        }
        if (!allowedHosts.contains(CallbackSettings.comparable(uri.getHost()))) {
            throw refused("callback_url must name one of the hosts in IMAGE_CALLBACK_ALLOWED_HOSTS");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return URI.create(scheme + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT) + path
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    /** The URL without its query (which may carry a token of the receiver's), fit for a log line. */
    public String loggable(String url) {
        try {
            URI uri = new URI(url == null ? "" : url.trim());
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    + (uri.getRawPath() == null ? "" : uri.getRawPath());
        } catch (URISyntaxException e) {
            return "(not a URL)";
        }
    }

    private static URI parse(String url) {
        try {
            return new URI(url).normalize();
        } catch (URISyntaxException e) {
            throw refused("callback_url is not a valid URL");
        }
    }

    private static InvalidRequestException refused(String message) {
        return new InvalidRequestException(FIELD, message);
    }
}
