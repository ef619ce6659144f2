package org.handout.layout;

/**
 * A shaped piece of one line: one face, one direction, in visual glyph order. Glyph positions are
 * in points relative to the piece's origin ({@code x} from the line start); {@code dy} is up-positive.
 * {@code text} is the logical text the glyphs stand for, which a reader gets back from the PDF;
 * {@code clusters[i]} is the offset in {@code text} where the characters glyph {@code i} shows begin;
 * {@code link} is the link the piece's words belong to, if any.
 */
record Piece(Face face, float size, int rgb, float x, float advance, int[] glyphs, float[] dx, float[] dy,
             String text, String lang, boolean rightToLeft, int[] clusters, org.handout.doc.Inline.Link link) {

    /** A piece that is not part of a link. */
    Piece(Face face, float size, int rgb, float x, float advance, int[] glyphs, float[] dx, float[] dy,
          String text, String lang, boolean rightToLeft, int[] clusters) {
        this(face, size, rgb, x, advance, glyphs, dx, dy, text, lang, rightToLeft, clusters, null);
    }
}
