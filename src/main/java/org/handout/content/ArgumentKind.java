package org.handout.content;

/**
 * What the program passes for a placeholder, which decides how a translation may use it: a
 * {@link #NUMBER} may be printed plainly ({@code {n}}, {@code {n, number}}) or chosen on
 * ({@code {n, plural, …}}); {@link #TEXT} is already formatted (a date, a joined list, a name, a
 * stage code) and can only be printed as it is ({@code {date}}).
 */
public enum ArgumentKind {
    /** A whole number: an age, a count, a page number. */
    NUMBER,
    /** Text formatted by the program: a date, a list of terms, a name, a code. */
    TEXT
}
