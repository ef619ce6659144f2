package org.handout.text;

/**
 * How deep the braces of an ICU MessageFormat pattern nest, read before ICU's parser ever sees a
 * hostile pattern: that parser recurses once per level, so a pattern nested a thousand deep would
 * overflow the stack of every command. Shared by the English content and the translations.
 */
public final class Nesting {
    /**
     * The deepest a message may nest its braces. Our English nests two levels ({@code {n, plural,
     * one {# year}}}); a translation may need a plural inside a select inside a plural.
     */
    public static final int MAX_DEPTH = 12;

    private Nesting() {
    }

    /** A pattern nested deeper than {@link #MAX_DEPTH}, at its place: refused before anything parses it. */
    public static org.handout.report.Problem tooDeep(String file, int line, int column, String key, int depth) {
        return org.handout.report.Problem.error(file, line, column, key, "the message nests { } " + depth + " levels deep; at most "
                + MAX_DEPTH + " are allowed").withHint("a message needs a plural or select nested two or three deep at most: write it more simply");
    }

    /**
     * How deep the braces of a pattern nest, outside ICU quoting (an apostrophe before a brace, a
     * {@code #} or a {@code |} quotes up to the next lone apostrophe; two apostrophes are one).
     */
    public static int depth(String pattern) {
        int depth = 0;
        int max = 0;
        boolean quoted = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '\'') {
                    i++; // '' is an apostrophe, in or out of quotes
                } else if (quoted) {
                    quoted = false;
                } else if (i + 1 < pattern.length() && "{}#|".indexOf(pattern.charAt(i + 1)) >= 0) {
                    quoted = true;
                }
            } else if (!quoted && c == '{') {
                max = Math.max(max, ++depth);
            } else if (!quoted && c == '}') {
                depth = Math.max(0, depth - 1);
            }
        }
        return max;
    }
}
