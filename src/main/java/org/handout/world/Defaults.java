package org.handout.world;

import java.util.Locale;
import java.util.TimeZone;
import java.util.function.Supplier;

/**
 * Pins the JVM's default locale and time zone (the JDK's and ICU's) for as long as a run lasts,
 * so that nothing formats with the machine's settings: libraries format with the defaults where we
 * cannot tell them otherwise (OpenPDF writes its cross-reference table with {@code String.format}
 * in the default locale, which gives Arabic-Indic digits under ar-EG; {@code Calendar.getInstance}
 * gives a Buddhist year under th-TH and a Japanese era under ja-JP-JP). The defaults are the root
 * locale and UTC; nested and concurrent runs share one pinning, and the last to finish restores the
 * machine's settings.
 */
public final class Defaults {
    private static int depth;
    private static Locale savedLocale;
    private static TimeZone savedZone;
    private static com.ibm.icu.util.ULocale savedIcuLocale;
    private static com.ibm.icu.util.TimeZone savedIcuZone;

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
        savedIcuLocale = com.ibm.icu.util.ULocale.getDefault();
        savedIcuZone = com.ibm.icu.util.TimeZone.getDefault();
        Locale.setDefault(Locale.ROOT);
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        com.ibm.icu.util.ULocale.setDefault(com.ibm.icu.util.ULocale.ROOT);
        com.ibm.icu.util.TimeZone.setDefault(com.ibm.icu.util.TimeZone.getTimeZone("UTC"));
    }

    private static synchronized void unpin() {
        if (--depth > 0) {
            return;
        }
        com.ibm.icu.util.TimeZone.setDefault(savedIcuZone);
        com.ibm.icu.util.ULocale.setDefault(savedIcuLocale);
        TimeZone.setDefault(savedZone);
        Locale.setDefault(savedLocale);
    }
}
