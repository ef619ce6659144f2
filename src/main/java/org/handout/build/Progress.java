package org.handout.build;

import java.io.PrintStream;
import java.util.Locale;

/**
 * What a build tells the person running it while it works: one line per language ({@link #line}),
 * one per leaflet when they asked for more ({@link #detail}), and how many leaflets are done so far
 * ({@link #leaflets}, for a progress bar). The command line decides how much of it is shown.
 */
public interface Progress {
    /** One line of the build's account: a language done, held back, or nothing built. */
    void line(String text);

    /** One leaflet done, with its timing: shown only when more was asked for ({@code -v}). */
    default void detail(String text) {
    }

    /** {@code done} of {@code total} leaflets are finished; called from the building threads. */
    default void leaflets(int done, int total) {
    }

    /** The lines to {@code out}, the details not. */
    static Progress to(PrintStream out) {
        return out::println;
    }

    /** Nothing shown. */
    static Progress none() {
        return text -> {
        };
    }

    static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
