package org.handout.world;

import java.util.Locale;
import java.util.TimeZone;
import java.util.function.Supplier;

/**
 * Pins the JVM's default locale and time zone for as long as a run lasts,
 * so that nothing formats with the machine's settings: libraries format with the defaults where we
 * cannot tell them otherwise (OpenPDF writes its cross-reference table with {@code String.format}
 * in the default locale, which gives Arabic-Indic digits under ar-EG; {@code Calendar.getInstance}
 * gives a Buddhist year under th-TH and a Japanese era under ja-JP-JP). The defaults are the root
 * locale and UTC; nested and concurrent runs share one pinning, and the last to finish restores the
 * machine's settings. ICU's default locale follows the JDK's (ICU reads it again whenever it
 * changes), and our own ICU formatters are all given their locale and zone, so ICU's default zone
 * is left alone: loading its zone data would cost a no-op build 25 ms for nothing.
 */
public final class Defaults {
    private static int depth;
    private static Locale savedLocale;
    private static TimeZone savedZone;

    private Defaults() {
    }

    /** Runs {@code work} with the defaults pinned, and returns what it returns. */
    public static <T> T pinned(Supplier<T> work) {
        pin();
        try {
            return work.get();
        } finally {
            unpin();
        }
    }

    private static synchronized void pin() {
        if (depth++ > 0) {
            return;
        }
        savedLocale = Locale.getDefault();
        savedZone = TimeZone.getDefault();
        Locale.setDefault(Locale.ROOT);
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    }

    private static synchronized void unpin() {
        if (--depth > 0) {
            return;
        }
        TimeZone.setDefault(savedZone);
        Locale.setDefault(savedLocale);
    }
}
