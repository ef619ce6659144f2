package org.handout.layout;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.util.Locale;
import java.util.Optional;

/**
 * The part of a page that layout draws in, in PDF points from the bottom left: between the side
 * margins ({@link Layouter#MARGIN_X}), from the bottom margin ({@link Layouter#MARGIN_BOTTOM}, under
 * the footer and the page label) up to {@link Layouter#TOP_EDGE} below the paper's top, which takes
 * in the top margin's draft mark and clinic logo. A glyph lies inside when its box does: from its
 * origin across its advance, and from its baseline up one em (its size). Everything layout draws
 * must lie inside; {@link LaidOut#outside()} and the verifier check it.
 */
public record TextArea(float left, float bottom, float right, float top) {
    /**
     * How far a glyph may reach past the area and still count as inside. Layout measures a line on
     * the advances of its whole paragraph and draws it reshaped, and a PDF's widths are whole
     * thousandths of an em: a line's end can move by a hair. Measured on every leaflet in every
     * language, ragged and justified, on A4 and Letter, and a clinic's edition: the most any glyph
     * reaches out is 0.08 pt (justified Thai).
     */
    public static final float TOLERANCE = 0.5f;

    /** The text area of a page of this size. */
    public static TextArea of(float pageWidth, float pageHeight) {
        return new TextArea(Layouter.MARGIN_X, Layouter.MARGIN_BOTTOM, pageWidth - Layouter.MARGIN_X,
                pageHeight - Layouter.TOP_EDGE);
    }

    /** The text area of a sheet of paper. */
    public static TextArea of(Paper paper) {
        return of(paper.width(), paper.height());
    }

    /** The width between the side margins. */
    public float width() {
        return right - left;
    }

    /**
     * How far something reaches past a limit, in points: {@code where} is the limit, e.g. "the
     * right edge of the text area".
     */
    public record Overrun(String where, float points) {
        /** The larger of two overruns (either may be absent). */
        static Optional<Overrun> worse(Optional<Overrun> a, Optional<Overrun> b) {
            if (a.isEmpty()) {
                return b;
            }
            return b.isPresent() && b.get().points() > a.get().points() ? b : a;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "runs %.1f pt past %s", points, where);
        }
    }

    /**
     * Where a glyph with its origin at ({@code x}, {@code baseline}), {@code advance} wide and
     * {@code size} high, reaches out of the area the furthest; empty when it lies inside.
     */
    public Optional<Overrun> overrun(float x, float advance, float baseline, float size) {
        return box(Math.min(x, x + advance), Math.max(x, x + advance), baseline, baseline + size);
    }

    /** The same for a box from {@code x0} to {@code x1} and from {@code y0} up to {@code y1}. */
    public Optional<Overrun> box(float x0, float x1, float y0, float y1) {
        Optional<Overrun> worst = Optional.empty();
        worst = Overrun.worse(worst, past("left", left - x0));
        worst = Overrun.worse(worst, past("right", x1 - right));
        worst = Overrun.worse(worst, past("bottom", bottom - y0));
        return Overrun.worse(worst, past("top", y1 - top));
    }

    private static Optional<Overrun> past(String edge, float by) {
        return by > 0 ? Optional.of(new Overrun("the " + edge + " edge of the text area", by)) : Optional.empty();
    }

    /**
     * One line for a report: {@code page 1: «Donaudampf…» runs 212.4 pt past the right edge of the
     * text area}, with the first ten characters (whole grapheme clusters) of the text.
     */
    public static String describe(int page, String text, Overrun overrun) {
        // a drawn hyphen's text is a soft hyphen, which would show as nothing
        String t = text.strip().replace('\u00AD', '-');
        BreakIterator clusters = BreakIterator.getCharacterInstance(ULocale.ROOT);
        clusters.setText(t);
        int end = 0;
        for (int i = 0; i < 10; i++) {
            int next = clusters.following(end);
            if (next == BreakIterator.DONE) {
                break;
            }
            end = next;
        }
        String excerpt = end < t.length() ? t.substring(0, end) + "…" : t;
        return "page " + page + ": «" + excerpt + "» " + overrun;
    }
}
