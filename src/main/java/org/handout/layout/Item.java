package org.handout.layout;

/** Something drawn on a page, in PDF points with the origin at the bottom left. */
public sealed interface Item {

    /**
     * Shaped glyphs of one face on one baseline: glyph {@code i} is drawn at
     * ({@code x + dx[i]}, {@code y + dy[i]}). {@code text} is the logical text they stand for;
     * {@code lang} is set when it differs from the page's language; {@code clusters[i]} is the
     * offset in {@code text} where the characters of glyph {@code i} begin; {@code tag} is the
     * structure element the text belongs to, or null for page furniture (footer, page number, a
     * repeated table header), which is an artifact outside the reading order. A glyph id the face
     * does not have ({@link Face#isGlyph}: the JDK's invisible glyph 0xFFFF) stands for a character
     * of the text with nothing to draw, a joiner or a mark, shaped with its neighbours. {@code link}
     * is the link the glyphs' words belong to, and {@code width} their advance (the link's box).
     */
    record Glyphs(Face face, float size, int rgb, float x, float y, int[] glyphs, float[] dx, float[] dy,
                  String text, String lang, int[] clusters, Tag tag, org.handout.doc.Inline.Link link, float width) implements Item {
        /** Glyphs that are not part of a link. */
        public Glyphs(Face face, float size, int rgb, float x, float y, int[] glyphs, float[] dx, float[] dy,
                      String text, String lang, int[] clusters, Tag tag) {
            this(face, size, rgb, x, y, glyphs, dx, dy, text, lang, clusters, tag, null, 0);
        }

        /** Whether this is page furniture rather than content. */
        public boolean artifact() {
            return tag == null;
        }

        /** The same glyphs as page furniture. */
        public Glyphs asArtifact() {
            return new Glyphs(face, size, rgb, x, y, glyphs, dx, dy, text, lang, clusters, null, null, width);
        }
    }

    /** A PNG or JPEG image in a box; its tag is the figure that carries its alternative text. */
    record Image(float x, float y, float width, float height, byte[] bytes, Tag tag) implements Item {
    }

    /** A rectangle, filled and/or stroked; a colour of -1 means none. */
    record Rect(float x, float y, float width, float height, int fill, int stroke, float lineWidth) implements Item {
    }
}
