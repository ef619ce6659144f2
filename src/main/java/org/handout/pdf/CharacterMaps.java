package org.handout.pdf;

import java.util.List;
import java.util.Map;
import org.handout.layout.Face;

/**
 * The characters a font maps to each of its glyphs (its cmap, read backwards with FontBox by
 * {@link Face#characters}), for the ToUnicode maps that let a reader, a copy and a PDF/A validator
 * know what every glyph says.
 */
final class CharacterMaps {
    private CharacterMaps() {
    }

    /**
     * The characters the font maps to each glyph, for one document: looked up once per glyph,
     * since a leaflet draws the same glyphs thousands of times.
     */
    static final class Reverse {
        private final Face face;
        private final Map<Integer, List<Integer>> codes = new java.util.HashMap<>();

        Reverse(Face face) {
            this.face = face;
        }

        private List<Integer> codes(int gid) {
            return codes.computeIfAbsent(gid, g -> List.copyOf(face.characters(g)));
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
}
