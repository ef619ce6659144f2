package org.handout.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.handout.layout.Face;

/**
 * The characters a font maps to each of its glyphs (its cmap, read backwards with FontBox), for
 * the ToUnicode maps that let a reader, a copy and a PDF/A validator know what every glyph says.
 */
final class CharacterMaps {
    /** Per face, while the face is in use (a long-running process loads projects again and again). */
    private static final Map<Face, CmapLookup> LOOKUPS = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
    /** FontBox warns that it skips cmap format 14 (variation sequences), which we do not use. */
    private static final java.util.logging.Logger FONTBOX = java.util.logging.Logger.getLogger("org.apache.fontbox.ttf");

    static {
        FONTBOX.setLevel(java.util.logging.Level.SEVERE);
    }

    private CharacterMaps() {
    }

    /**
     * The characters the font maps to each glyph, for one document: looked up once per glyph,
     * since a leaflet draws the same glyphs thousands of times.
     */
    static final class Reverse {
        private final CmapLookup lookup;
        private final Map<Integer, List<Integer>> codes = new java.util.HashMap<>();

        Reverse(Face face) {
            this.lookup = lookup(face);
        }

        private List<Integer> codes(int gid) {
            return codes.computeIfAbsent(gid, g -> {
                List<Integer> c = lookup.getCharCodes(g);
                return c == null ? List.of() : List.copyOf(c);
            });
        }

        boolean hasCharacter(int gid) {
            return !codes(gid).isEmpty();
        }

        /** The character of {@code cluster} mapped to the glyph, if any. */
        java.util.Optional<String> direct(int gid, String cluster) {
            for (int cp : codes(gid)) {
                String ch = new String(Character.toChars(cp));
                if (cluster.contains(ch)) {
                    return java.util.Optional.of(ch);
                }
            }
            return java.util.Optional.empty();
        }

        /**
         * The text the glyph stands for in {@code cluster} (the characters the shaper turned into
         * this glyph and its neighbours): one of the characters the font maps to the glyph,
         * preferring one in the cluster; else the whole cluster (a conjunct "क्ष", a ligature, an
         * Arabic form, which the font maps to no single character).
         */
        String textFor(int gid, String cluster) {
            List<Integer> c = codes(gid);
            if (c.isEmpty()) {
                return cluster;
            }
            return direct(gid, cluster).orElseGet(() -> new String(Character.toChars(c.stream().min(Integer::compare).orElseThrow())));
        }
    }

    /** The glyph the font's cmap gives the character, 0 if none. */
    static int glyphOf(Face face, int codePoint) {
        return lookup(face).getGlyphId(codePoint);
    }

    private static CmapLookup lookup(Face face) {
        return LOOKUPS.computeIfAbsent(face, f -> {
            try {
                TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(f.bytes()));
                return ttf.getUnicodeCmapLookup();
            } catch (IOException e) {
                throw new UncheckedIOException("FontBox cannot read " + f.file(), e);
            }
        });
    }
}
