package org.learningloop.bench;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress lines on standard error, so a long run shows where it is; the table goes to standard output. */
final class Progress {

    private Progress() {
    }

    static void say(String format, Object... args) {
        System.err.printf("[bench %s] %s%n", LocalTime.now().truncatedTo(ChronoUnit.SECONDS), String.format(format, args));
    }
}
