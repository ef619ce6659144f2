package org.handout.pdf;

import java.awt.Font;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphJustificationInfo;
import java.awt.font.GlyphMetrics;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;

/**
 * Glyph ids already shaped and positioned by layout, in the form OpenPDF's
 * {@code PdfContentByte.showText(GlyphVector, int, int)} takes: it only reads the glyph codes
 * (and records them for the font subset). Every geometric query is unsupported on purpose.
 */
final class GlyphIds extends GlyphVector {
    private final int[] glyphs;

    GlyphIds(int[] glyphs) {
        this.glyphs = glyphs;
    }

    @Override
    public int getNumGlyphs() {
        return glyphs.length;
    }

    @Override
    public int getGlyphCode(int glyphIndex) {
        return glyphs[glyphIndex];
    }

    @Override
    public int[] getGlyphCodes(int beginGlyphIndex, int numEntries, int[] codeReturn) {
        int[] out = codeReturn == null ? new int[numEntries] : codeReturn;
        System.arraycopy(glyphs, beginGlyphIndex, out, 0, numEntries);
        return out;
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("layout has already positioned these glyphs");
    }

    @Override
    public Font getFont() {
        throw unsupported();
    }

    @Override
    public FontRenderContext getFontRenderContext() {
        throw unsupported();
    }

    @Override
    public void performDefaultLayout() {
        throw unsupported();
    }

    @Override
    public Rectangle2D getLogicalBounds() {
        throw unsupported();
    }

    @Override
    public Rectangle2D getVisualBounds() {
        throw unsupported();
    }

    @Override
    public Shape getOutline() {
        throw unsupported();
    }

    @Override
    public Shape getOutline(float x, float y) {
        throw unsupported();
    }

    @Override
    public Shape getGlyphOutline(int glyphIndex) {
        throw unsupported();
    }

    @Override
    public Point2D getGlyphPosition(int glyphIndex) {
        throw unsupported();
    }

    @Override
    public void setGlyphPosition(int glyphIndex, Point2D newPos) {
        throw unsupported();
    }

    @Override
    public AffineTransform getGlyphTransform(int glyphIndex) {
        throw unsupported();
    }

    @Override
    public void setGlyphTransform(int glyphIndex, AffineTransform newTX) {
        throw unsupported();
    }

    @Override
    public float[] getGlyphPositions(int beginGlyphIndex, int numEntries, float[] positionReturn) {
        throw unsupported();
    }

    @Override
    public Shape getGlyphLogicalBounds(int glyphIndex) {
        throw unsupported();
    }

    @Override
    public Shape getGlyphVisualBounds(int glyphIndex) {
        throw unsupported();
    }

    @Override
    public GlyphMetrics getGlyphMetrics(int glyphIndex) {
        throw unsupported();
    }

    @Override
    public GlyphJustificationInfo getGlyphJustificationInfo(int glyphIndex) {
        throw unsupported();
    }

    @Override
    public boolean equals(GlyphVector set) {
        return set instanceof GlyphIds other && java.util.Arrays.equals(glyphs, other.glyphs);
    }
}
