package ru.newsmed.imagegen.callback;

/** One attempt at a callback that the receiver did not accept (any answer but a 2xx): worth another. */
public class CallbackFailedException extends RuntimeException {

    public CallbackFailedException(String message) {
        super(message);
    }
}
