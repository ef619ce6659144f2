package org.handout.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.handout.build.Progress;

/**
 * A build's account for a person at a terminal: its lines to standard output, as wanted by the
 * verbosity, and, once the build has run for a second, a progress bar on standard error, redrawn
 * in place ({@code \r}) and cleared before every line and at the end. No bar when standard error
 * is not a terminal, when {@code NO_COLOR} is set, with {@code --no-progress} or {@code -q}.
 */
final class TerminalProgress implements Progress {
    static final long DELAY_NANOS = 1_000_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final PrintStream bar;
    private final Verbosity verbosity;
    private final boolean showBar;
    private final LongSupplier clock;
    private final long start;
    private boolean drawn;
    private String last = "";

    TerminalProgress(PrintStream out, PrintStream bar, Verbosity verbosity, boolean showBar, LongSupplier clock) {
        this.out = out;
        this.bar = bar;
        this.verbosity = verbosity;
        this.showBar = showBar && verbosity != Verbosity.QUIET;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /** Whether a bar belongs on this terminal: standard error is one, NO_COLOR is unset, and it was not turned off. */
    static boolean wanted(boolean terminal, String noColor, boolean noProgressOption) {
        return terminal && (noColor == null || noColor.isEmpty()) && !noProgressOption;
    }

    /** Whether the JVM's standard streams are a terminal (JDK 22's {@code Console.isTerminal}). */
    static boolean onTerminal() {
        java.io.Console c = System.console();
        return c != null && c.isTerminal();
    }

    @Override
    public synchronized void line(String text) {
        if (verbosity == Verbosity.QUIET) {
            return;
        }
        clear();
        out.println(text);
        redraw();
    }

    @Override
    public synchronized void detail(String text) {
        if (verbosity == Verbosity.VERBOSE) {
            clear();
            out.println(text);
            redraw();
        }
    }

    @Override
    public synchronized void leaflets(int done, int total) {
        if (!showBar || total <= 0 || clock.getAsLong() - start < DELAY_NANOS) {
            return;
        }
        int filled = (int) ((long) WIDTH * done / total);
        last = String.format(Locale.ROOT, "[%s%s] %d/%d leaflets", "#".repeat(filled), " ".repeat(WIDTH - filled), done, total);
        bar.print("\r" + last + "\u001b[K");
        bar.flush();
        drawn = true;
    }

    /** The bar is taken off the screen (at the end of a build, before its summary). */
    synchronized void finish() {
        clear();
        last = "";
    }

    private void clear() {
        if (drawn) {
            bar.print("\r\u001b[K");
            bar.flush();
            drawn = false;
        }
    }

    private void redraw() {
        if (!last.isEmpty()) {
            bar.print("\r" + last + "\u001b[K");
            bar.flush();
            drawn = true;
        }
    }
}
