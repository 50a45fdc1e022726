package ru.newsmed.imagegen.web;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.convert.DurationStyle;

/** How long a request body may take to arrive, and the setting that says so (for the log and the answer). */
record BodyDeadline(Duration timeout, String knob) {

    BodyDeadline(String timeout, String knob) {
        this(DurationStyle.detectAndParse(timeout, ChronoUnit.SECONDS), knob);
    }

    long from(long startNanos) {
        return startNanos + timeout.toNanos();
    }

    long seconds() {
        return timeout.toSeconds();
    }
}
