package ru.newsmed.imagegen.errors;

/** 400 invalid_request, naming the field at fault. */
public class InvalidRequestException extends ApiException {

    private final String field;

    public InvalidRequestException(String field, String message) {
        super(ErrorCode.INVALID_REQUEST, message);
        this.field = field;
    }

    @Override
    public String getField() {
        return field;
    }
}
