package org.handout.layout;

/** How body text meets the end of its lines: ragged (the default) or justified to the full measure. */
public enum Align {
    /** Lines end where their words do (ragged right, or ragged left in right-to-left text). */
    START,
    /** Every line but a paragraph's last is stretched to the full measure. */
    JUSTIFY
}
