package ru.newsmed.imagegen.callback;

import java.io.IOException;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.errors.ApiException;

/**
 * Judges a callback receiver's answer: a 2xx is delivered; anything else, a redirect included (it
 * is not followed), is a {@link CallbackFailedException}, tried again. The answer's body is not read.
 */
@Component("imagegenCallbackReplies")
public class CallbackReplies {

    public void check(Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status >= 200 && status < 300) {
            return;
        }
        boolean redirect = status >= 300 && status < 400;
        throw new CallbackFailedException("the receiver answered HTTP " + status + (redirect ? " (redirects are not followed)" : ""));
    }

    /**
     * What the last attempt failed with, in one line for the job's record and the log: the refusal,
     * the answer or the I/O error itself, not Camel's wrapping of it.
     */
    public String failure(Exception failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof CallbackFailedException || cause instanceof ApiException
                || cause instanceof IOException)) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        if (cause instanceof IOException) {
            return "I/O error: " + cause.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        }
        return message.isEmpty() ? cause.getClass().getSimpleName() : message;
    }
}
