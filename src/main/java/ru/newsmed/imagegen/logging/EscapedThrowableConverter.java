package ru.newsmed.imagegen.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * {@code %escapedException} in imagegen/logback-service.xml: Spring Boot's stack trace ({@code %wEx}), each
 * exception's message {@link LogText#escape escaped} (a message may quote a request), so the trace
 * keeps its own lines and gains none.
 */
public class EscapedThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy throwable) {
        return super.throwableProxyToString(new Escaped(throwable));
    }

    /** The throwable as logback sees it, with its message, its causes' and its suppressed ones' escaped. */
    private record Escaped(IThrowableProxy throwable) implements IThrowableProxy {

        @Override
        public String getMessage() {
            return LogText.escape(throwable.getMessage());
        }

        @Override
        public String getClassName() {
            return throwable.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return throwable.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return throwable.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return throwable.getCause() == null ? null : new Escaped(throwable.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] suppressed = throwable.getSuppressed();
            if (suppressed == null) {
                return null;
            }
            IThrowableProxy[] escaped = new IThrowableProxy[suppressed.length];
            for (int i = 0; i < suppressed.length; i++) {
                escaped[i] = new Escaped(suppressed[i]);
            }
            return escaped;
        }

        @Override
        public boolean isCyclic() {
            return throwable.isCyclic();
        }
    }
}
