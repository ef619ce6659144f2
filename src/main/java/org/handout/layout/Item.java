package org.handout.layout;

/** Something drawn on a page, in PDF points with the origin at the bottom left. */
public sealed interface Item {

    /**
     * Shaped glyphs of one face on one baseline: glyph {@code i} is drawn at
     * ({@code x + dx[i]}, {@code y + dy[i]}). {@code text} is the logical text they stand for;
     * {@code lang} is set when it differs from the page's language; {@code artifact} marks
     * page furniture (footer, page number) that is not part of the reading order.
     */
    record Glyphs(Face face, float size, int rgb, float x, float y, int[] glyphs, float[] dx, float[] dy,
                  String text, String lang, boolean artifact) implements Item {
    }

    /** A rectangle, filled and/or stroked; a colour of -1 means none. */
    record Rect(float x, float y, float width, float height, int fill, int stroke, float lineWidth) implements Item {
    }
}
