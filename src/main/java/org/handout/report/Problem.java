package org.handout.report;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One thing wrong with the input, located as precisely as we know: file, 1-based line and
 * column (0 when unknown), the message key it concerns (empty when none), what is wrong, a
 * one-line hint on what to do (empty when none), and named details a tool may want (for a stale
 * translation, the English it was made from and the English now: {@code was}, {@code now}), and
 * its {@link Kind}: what a program decides on (a gap in a translation, a text that does not fit),
 * never the wording of the message.
 */
public record Problem(Severity severity, String file, int line, int column, String key, String message, String hint,
                      Map<String, String> details, Kind kind) {

    /** What sort of problem it is, for the code that acts on it and for tools (the JSON's {@code kind}). */
    public enum Kind {
        /** A translation lacks a message. */
        MISSING,
        /** A translation's message is still the placeholder {@code init} wrote. */
        UNTRANSLATED,
        /** A translation was made from English that has changed since. */
        STALE,
        /** A text does not fit where the page puts it. */
        LAYOUT,
        /** Anything else. */
        OTHER;

        /** Whether a draft build may fill it with English: missing, not yet translated, or out of date. */
        public boolean isGap() {
            return this == MISSING || this == UNTRANSLATED || this == STALE;
        }

        /** The word in JSON: {@code missing}, {@code untranslated}, ... */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

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
        hint = hint == null ? "" : hint;
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
        kind = kind == null ? Kind.OTHER : kind;
    }

    /** A problem of no particular kind, with a hint and details. */
    public Problem(Severity severity, String file, int line, int column, String key, String message, String hint,
                   Map<String, String> details) {
        this(severity, file, line, column, key, message, hint, details, Kind.OTHER);
    }

    /** A problem without a hint or details. */
    public Problem(Severity severity, String file, int line, int column, String key, String message) {
        this(severity, file, line, column, key, message, "", Map.of(), Kind.OTHER);
    }

    /** The same problem with a hint on what to do. */
    public Problem withHint(String text) {
        return new Problem(severity, file, line, column, key, message, text, details, kind);
    }

    /** The same problem with a named detail added. */
    public Problem with(String name, String value) {
        Map<String, String> d = new LinkedHashMap<>(details);
        d.put(name, value);
        return new Problem(severity, file, line, column, key, message, hint, d, kind);
    }

    /** The same problem, of kind {@code k}. */
    public Problem withKind(Kind k) {
        return new Problem(severity, file, line, column, key, message, hint, details, k);
    }

    /** The same problem as a warning. */
    public Problem asWarning() {
        return new Problem(Severity.WARNING, file, line, column, key, message, hint, details, kind);
    }

    /** An error at a place in a file. */
    public static Problem error(String file, int line, int column, String key, String message) {
        return new Problem(Severity.ERROR, file, line, column, key, message);
    }

    /** A warning at a place in a file. */
    public static Problem warning(String file, int line, int column, String key, String message) {
        return new Problem(Severity.WARNING, file, line, column, key, message);
    }

    /** Whether it concerns leaflet {@code id}: it names no key, a shared one ({@code common.}) or one of that leaflet's. */
    public boolean concernsLeaflet(String id) {
        return key.isEmpty() || key.startsWith("common.") || key.startsWith(id + ".");
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

    /** {@link #format()}, then each detail and the hint on an indented line of its own. */
    public String formatLong() {
        StringBuilder b = new StringBuilder(format());
        details.forEach((name, value) -> b.append("\n    ").append(name).append(": ").append(value));
        if (!hint.isEmpty()) {
            b.append("\n    hint: ").append(hint);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
