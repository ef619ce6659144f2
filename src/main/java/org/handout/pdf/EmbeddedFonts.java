package org.handout.pdf;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handout.layout.Face;

/**
 * The fonts of one document as its content streams use them. We own the encoding: each face gets
 * one code per pair of a glyph and the text it stands for, so the ToUnicode map can give every code
 * exactly its characters, in the order a reader meets them. The same glyph showing other text
 * elsewhere (the first half of कि and of कु; a space at a line end) gets another code; a CID-to-GID
 * map takes every code to its glyph. Readers that know only ToUnicode (pdf.js, MuPDF) and readers
 * that prefer the font's own cmap or their own heuristics get the same letters, never Arabic
 * presentation forms or a conjunct's guessed parts.
 */
final class EmbeddedFonts {
    /**
     * The codes used of one face: code {@code c} draws {@code glyphs.get(c)} (a glyph of the face, or
     * below 0 an appended empty glyph) and means {@code texts.get(c)}.
     */
    static final class Used {
        final Face face;
        /** The name in each page's font resources, {@code F1}, {@code F2}… */
        final String resource;
        final List<Integer> glyphs = new ArrayList<>(List.of(0));
        final List<String> texts = new ArrayList<>(List.of(""));
        /** Per code, the advance it is drawn with, in thousandths of an em: its glyph's, or a synthetic empty glyph's. */
        final List<Integer> widths = new ArrayList<>(List.of(0));
        private final Map<String, Integer> codes = new HashMap<>();
        /** The characters the face maps to each glyph, looked up once per glyph and document. */
        private final Map<Integer, List<Integer>> characters = new HashMap<>();

        Used(Face face, String resource) {
            this.face = face;
            this.resource = resource;
        }

        /** The characters the face's cmap maps to a glyph (read backwards). */
        List<Integer> characters(int glyph) {
            return characters.computeIfAbsent(glyph, g -> List.copyOf(face.characters(g)));
        }

        /** The code of a glyph standing for {@code text} (never empty), allocated on first use. */
        int code(int glyph, String text) {
            return code(glyph, text, Math.round(face.pdfAdvance(glyph)));
        }

        /**
         * The code of an empty glyph {@code width} thousandths of an em wide (appended to the
         * subset, see {@link EmptyGlyphs}) standing for {@code text}: it carries the text of a mark
         * or of a glyph of another face that the page draws as a shape.
         */
        int carrier(int width, String text) {
            return code(-1 - width, text, width);
        }

        /** Whether a code's glyph is one of the appended empty glyphs. */
        static boolean isCarrier(int glyph) {
            return glyph < 0;
        }

        private int code(int glyph, String text, int width) {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("a code must stand for some text");
            }
            return codes.computeIfAbsent(glyph + ":" + width + ":" + text, k -> {
                if (glyphs.size() > 0xFFFF) {
                    throw new IllegalStateException("more than 65535 glyph-and-text pairs of " + face.file() + " in one leaflet");
                }
                glyphs.add(glyph);
                texts.add(text);
                widths.add(width);
                return glyphs.size() - 1;
            });
        }

        int size() {
            return glyphs.size();
        }
    }

    private final Map<Face, Used> byFace = new LinkedHashMap<>();

    /** The codes of a face, in the order faces are first drawn. */
    Used of(Face face) {
        return byFace.computeIfAbsent(face, f -> new Used(f, "F" + (byFace.size() + 1)));
    }

    Collection<Used> all() {
        return byFace.values();
    }
}
