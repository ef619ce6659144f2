package org.handout.report;

import java.util.Comparator;
import java.util.Objects;

/**
 * One thing wrong with the input, located as precisely as we know: file, 1-based line and
 * column (0 when unknown), the message key it concerns (empty when none), and what is wrong.
 */
public record Problem(Severity severity, String file, int line, int column, String key, String message) {

    /** Sorts problems by file, then position, then key, so a report reads top to bottom. */
    public static final Comparator<Problem> ORDER = Comparator.comparing(Problem::file)
            .thenComparingInt(Problem::line)
            .thenComparingInt(Problem::column)
            .thenComparing(Problem::key)
            .thenComparing(Problem::message);

    public Problem {
        Objects.requireNonNull(severity, "severity");
        file = file == null ? "" : file;
        key = key == null ? "" : key;
        Objects.requireNonNull(message, "message");
    }

    /** An error at a place in a file. */
    public static Problem error(String file, int line, int column, String key, String message) {
        return new Problem(Severity.ERROR, file, line, column, key, message);
    }

    /** A warning at a place in a file. */
    public static Problem warning(String file, int line, int column, String key, String message) {
        return new Problem(Severity.WARNING, file, line, column, key, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** Compiler style: {@code translations/ar.yaml:42:5: error: [overview.who.age] message}. */
    public String format() {
        StringBuilder b = new StringBuilder();
        if (!file.isEmpty()) {
            b.append(file);
            if (line > 0) {
                b.append(':').append(line);
                if (column > 0) {
                    b.append(':').append(column);
                }
            }
            b.append(": ");
        }
        b.append(severity.word()).append(": ");
        if (!key.isEmpty()) {
            b.append('[').append(key).append("] ");
        }
        return b.append(message).toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
