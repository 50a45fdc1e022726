package ru.newsmed.imagegen.errors;

/** A failure that the API answers with one of the contract's error codes. */
public class ApiException extends RuntimeException {

    private final ErrorCode errorCode;

    public ApiException(ErrorCode errorCode, String message) {
        this(errorCode, message, null);
    }

    public ApiException(ErrorCode errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public ErrorCode getErrorCode() {
        return errorCode;
    }

    /** The request field at fault, for validation errors; null otherwise. */
    public String getField() {
        return null;
    }
}
