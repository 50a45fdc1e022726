package ru.newsmed.imagegen.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.CoreConstants;
import org.junit.jupiter.api.Test;

/** The converters imagegen/logback-service.xml uses: a message or an exception message never adds a line. */
class EscapedLogLinesTest {

    @Test
    void escapesTheMessageAndEachExceptionMessageButKeepsTheStackTraceLines() {
        LoggerContext context = new LoggerContext();
        context.putObject(CoreConstants.PATTERN_RULE_REGISTRY, Map.of(
                "escapedMessage", EscapedMessageConverter.class.getName(),
                "escapedException", EscapedThrowableConverter.class.getName()));
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern("%escapedMessage%n%escapedException");
        layout.start();
        IllegalStateException failure = new IllegalStateException("outer\r\nFAKE line\u001b[2J",
                new IllegalArgumentException("inner\nFAKE cause\u202e"));

        String line = layout.doLayout(new LoggingEvent(getClass().getName(), context.getLogger("test"), Level.ERROR,
                "Request {} failed\n\u001b[31mFAKE", failure, new Object[]{"id\r\n"}));

        assertThat(line).doesNotContain("\u001b", "\u202e", "\r")
                .startsWith("Request id\\r\\n failed\\n\\u001b[31mFAKE")
                .contains("java.lang.IllegalStateException: outer\\r\\nFAKE line\\u001b[2J")
                .contains("Caused by: java.lang.IllegalArgumentException: inner\\nFAKE cause\\u202e")
                .contains("\tat ru.newsmed.imagegen.logging.EscapedLogLinesTest");
        assertThat(line.lines()).noneMatch(text -> text.startsWith("FAKE"));
    }
}
