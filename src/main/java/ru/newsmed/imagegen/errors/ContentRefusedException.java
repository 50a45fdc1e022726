package ru.newsmed.imagegen.errors;

/** The provider would not draw this prompt (moderation, blacklist, a text-only answer): 422. */
public class ContentRefusedException extends ApiException {

    public ContentRefusedException(String message) {
        super(ErrorCode.CONTENT_REFUSED, message);
    }
}
