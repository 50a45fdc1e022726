package ru.newsmed.imagegen.errors;

/** The provider could not be tried at all (not configured, circuit open, no free slot in time): 503. */
public class ProviderUnavailableException extends ApiException {

    /** Why the provider could not be tried; the names are the fallback metric's {@code reason} tags. */
    public enum Reason {
        NOT_CONFIGURED("not_configured"),
        CIRCUIT_OPEN("circuit_open"),
        QUEUE_TIMEOUT("queue_timeout");

        private final String tag;

        Reason(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    private final Reason reason;

    public ProviderUnavailableException(Reason reason, String message) {
        super(ErrorCode.PROVIDER_UNAVAILABLE, message);
        this.reason = reason;
    }

    public Reason getReason() {
        return reason;
    }
}
