package org.handout.layout;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.font.LineMetrics;
import java.awt.font.TextAttribute;
import java.util.Map;

/**
 * One font file in one style, loaded once per run and shared read-only: its bytes (for the PDF
 * writer to embed) and the JDK font used to shape text (HarfBuzz inside the JDK), at 1000 units
 * per em so glyph positions come out in PDF text-space units.
 */
public final class Face {
    /** Unhinted, fractional metrics: positions are the font's own design units. */
    static final FontRenderContext FRC = new FontRenderContext(null, true, true);
    static final float UNITS = 1000f;

    private final String file;
    private final byte[] bytes;
    private final Font font;
    private final float ascent;
    private final float descent;
    /** Advance widths by glyph id, filled on first use; racing writers store the same value. */
    private final float[] advances;

    Face(String file, byte[] bytes, Font base) {
        this.file = file;
        this.bytes = bytes;
        // Kerning on. Optional ligatures ("fi") stay off: their glyphs have no Unicode value of their
        // own, so copying text in a viewer that ignores ActualText would lose letters. Required
        // ligatures (Arabic lam-alef, Indic conjuncts) are part of shaping and always applied.
        this.font = base.deriveFont(UNITS).deriveFont(Map.of(TextAttribute.KERNING, TextAttribute.KERNING_ON));
        LineMetrics m = font.getLineMetrics("Hg", FRC);
        this.ascent = m.getAscent();
        this.descent = m.getDescent();
        this.advances = new float[font.getNumGlyphs()];
        java.util.Arrays.fill(advances, Float.NaN);
    }

    /**
     * The advance of a glyph in thousandths of an em, truncated to a whole number as a PDF
     * font's width array holds it, so a writer can tell where the viewer's pen will be.
     */
    public float pdfAdvance(int glyph) {
        if (glyph < 0 || glyph >= advances.length) {
            return 0;
        }
        float a = advances[glyph];
        if (Float.isNaN(a)) {
            a = (float) Math.floor(font.createGlyphVector(FRC, new int[] {glyph}).getGlyphMetrics(0).getAdvanceX() + 1e-3);
            advances[glyph] = a;
        }
        return a;
    }

    /**
     * Whether a glyph id the shaper returned is one of the font's glyphs. For a character with
     * nothing to draw (a joiner, a direction mark) the JDK returns an invisible glyph, 0xFFFF, that
     * no font has: it must never reach a PDF, where a viewer would look it up.
     */
    public boolean isGlyph(int glyph) {
        return glyph >= 0 && glyph < advances.length;
    }

    /**
     * Whether a glyph of the font draws nothing and takes no room (the empty glyph most fonts map
     * a joiner or a direction mark to), so it can stand in a run for such a character.
     */
    public boolean drawsNothing(int glyph) {
        if (!isGlyph(glyph) || pdfAdvance(glyph) != 0) {
            return false;
        }
        GlyphVector gv = font.createGlyphVector(FRC, new int[] {glyph});
        return gv.getGlyphOutline(0).getBounds2D().isEmpty();
    }

    /** The file name under {@code fonts/}, which also identifies the face. */
    public String file() {
        return file;
    }

    /** The font file's bytes; never modify. */
    public byte[] bytes() {
        return bytes;
    }

    Font font() {
        return font;
    }

    /** Whether the face has a glyph for the code point. */
    public boolean covers(int codePoint) {
        return font.canDisplay(codePoint);
    }

    /** Ascent in thousandths of an em. */
    public float ascent() {
        return ascent;
    }

    /** Descent in thousandths of an em (positive). */
    public float descent() {
        return descent;
    }

    @Override
    public String toString() {
        return file;
    }
}
