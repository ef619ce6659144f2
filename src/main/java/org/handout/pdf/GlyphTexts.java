package org.handout.pdf;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterDirection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handout.layout.Item;

/**
 * What each glyph of a shaped run stands for, so that a reader that reads the glyphs in the order
 * they are drawn and concatenates their ToUnicode text gets the run's text back exact.
 *
 * <p>The shaper gives each glyph the offset of its cluster: the characters it drew together. A
 * cluster's text is cut into consecutive pieces, one per glyph in drawing order, choosing the cut
 * where most glyphs get what they are (a character the font maps to them; a nonspacing mark for a
 * glyph without width): for कि, drawn as ि then क, the first glyph stands for क and the second
 * for ि; a conjunct क्ष is one glyph standing for three characters. A glyph left without text
 * ({@code null}: a part such as the nikhahit of Thai ำ) is drawn as a shape. A cluster with more
 * glyphs with width than characters (Bengali ো drawn in two parts around its consonant) is carried
 * whole by one empty glyph spanning them all ({@link Piece#through}). A nonspacing mark never
 * stays on a glyph with width ({@link #piece}).
 *
 * <p>A right-to-left run is drawn in visual order, its last character first. Readers turn it back
 * into logical order character by character (pdf.js, PDFium, poppler and MuPDF all reverse what
 * they read of a right-to-left line), so a right-to-left cluster is dealt out in reverse.
 */
final class GlyphTexts {
    private GlyphTexts() {
    }

    /**
     * What one glyph stands for: {@code own} is its text (null: drawn as a shape); {@code before}
     * and {@code after}, when not null, are text carried by an empty glyph without width drawn
     * just before or after it; {@code through}, when not -1, the last glyph of a cluster carried
     * whole with this one.
     */
    record Piece(String before, String own, String after, int through) {
        Piece(String before, String own, String after) {
            this(before, own, after, -1);
        }

        /** The same text on an empty glyph spanning this glyph through glyph {@code last}, all drawn as shapes. */
        Piece spanning(int last) {
            return new Piece(before, own, after, last);
        }
    }

    /**
     * For each glyph of the run, what it stands for; a run of neutral characters only (a comma,
     * a space) is taken as right to left when {@code neutralRtl} (it stands in a right-to-left line).
     */
    static Piece[] of(Item.Glyphs g, Characters characters, boolean neutralRtl) {
        int n = g.glyphs().length;
        String[] out = new String[n];
        if (n == 0) {
            return new Piece[0];
        }
        String text = g.text();
        Map<Integer, List<Integer>> byCluster = new java.util.TreeMap<>();
        for (int i = 0; i < n; i++) {
            byCluster.computeIfAbsent(g.clusters()[i], k -> new ArrayList<>()).add(i);
        }
        // in logical order: each cluster's text and glyphs; a cluster with more glyphs with width
        // than characters (the JDK gives the first part of Bengali ো to the consonant before it) is
        // taken together with the next, once
        List<Integer> begin = new ArrayList<>();
        List<List<Integer>> glyphsOf = new ArrayList<>();
        List<Boolean> merged = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> c : byCluster.entrySet()) {
            int last = begin.size() - 1;
            int at = Math.max(0, Math.min(c.getKey(), text.length()));
            if (last >= 0 && !merged.get(last) && spacing(g, glyphsOf.get(last)) > text.codePointCount(begin.get(last), Math.max(begin.get(last), at))) {
                glyphsOf.get(last).addAll(c.getValue());
                glyphsOf.get(last).sort(Integer::compare);
                merged.set(last, true);
            } else {
                begin.add(at);
                glyphsOf.add(new ArrayList<>(c.getValue()));
                merged.add(false);
            }
        }
        boolean rtl = rightToLeft(g, neutralRtl);
        Map<Integer, String> trailing = new java.util.HashMap<>();
        Map<Integer, Integer> spans = new java.util.HashMap<>();
        for (int k = 0; k < begin.size(); k++) {
            int start = begin.get(k);
            int end = k + 1 < begin.size() ? begin.get(k + 1) : text.length();
            String cluster = text.substring(start, Math.max(start, end));
            if (cluster.length() > 1 && !cluster.isBlank()) {
                // the last cluster of a line carries the undrawn space after it: an empty glyph
                // carries it, so that a screen reader reading the tag tree keeps the words apart (not
                // at the left end of a right-to-left line, where PDFium, pdf.js and poppler then
                // misplace the line's first word)
                String stripped = cluster.stripTrailing();
                if (stripped.length() < cluster.length() && !rtl) {
                    trailing.put(k, cluster.substring(stripped.length()));
                }
                cluster = stripped;
            }
            deal(rtl ? reversed(cluster) : cluster, glyphsOf.get(k), g, characters, out, spans);
        }
        Piece[] pieces = new Piece[n];
        for (int i = 0; i < n; i++) {
            pieces[i] = piece(out[i], g.face().pdfAdvance(g.glyphs()[i]) == 0 && !spans.containsKey(i));
            if (spans.containsKey(i)) {
                pieces[i] = pieces[i].spanning(spans.get(i));
            }
        }
        for (Map.Entry<Integer, String> t : trailing.entrySet()) {
            // after the cluster's last glyph drawn (before its first, drawn right to left)
            List<Integer> gl = glyphsOf.get(t.getKey());
            Integer at = null;
            for (int i : gl) {
                if (pieces[i].own() != null && (at == null || (rtl ? i < at : i > at))) {
                    at = i;
                }
            }
            if (at != null) {
                Piece p = pieces[at];
                pieces[at] = rtl ? new Piece(t.getValue() + java.util.Objects.toString(p.before(), ""), p.own(), p.after(), p.through())
                        : new Piece(p.before(), p.own(), java.util.Objects.toString(p.after(), "") + t.getValue(), p.through());
            }
        }
        return pieces;
    }

    /**
     * pdf.js takes any glyph whose text holds a nonspacing mark (\p{Mn}: a virama, a vowel sign
     * below, an Arabic vowel mark) for a mark without width: it stops tracking the pen there and
     * then reads the next glyph's position as a gap, a space inside the word (न्य as "न् य"). So a
     * glyph with width keeps only the characters up to its first such mark, and the rest travels on
     * an empty glyph without width right after it (before it, for marks that lead its text).
     */
    static Piece piece(String text, boolean zeroWidth) {
        if (text == null || zeroWidth || !hasMark(text)) {
            return new Piece(null, text, null);
        }
        int[] cps = text.codePoints().toArray();
        int a = 0;
        while (a < cps.length && isMark(cps[a])) {
            a++;
        }
        if (a == cps.length) {
            return new Piece(null, text, null);
        }
        int b = a;
        while (b < cps.length && !isMark(cps[b])) {
            b++;
        }
        return new Piece(a == 0 ? null : new String(cps, 0, a), new String(cps, a, b - a),
                b == cps.length ? null : new String(cps, b, cps.length - b));
    }

    private static boolean hasMark(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isMark(cp)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    static boolean isMark(int cp) {
        return UCharacter.getType(cp) == UCharacter.NON_SPACING_MARK;
    }

    /**
     * Deals a cluster's characters over its glyphs in drawing order, each glyph a run of them (or
     * none: a shape), choosing among the ways to cut the text the one where most glyphs get what
     * they are: a character the font maps to the glyph; a nonspacing mark for a glyph without
     * width and none for a glyph with width. A glyph left without text costs most, and more when it
     * has width.
     */
    private static void deal(String cluster, List<Integer> glyphs, Item.Glyphs g, Characters characters, String[] out,
                             Map<Integer, Integer> spans) {
        int[] cps = cluster.codePoints().toArray();
        int n = glyphs.size();
        int m = cps.length;
        int spacing = 0;
        for (int i : glyphs) {
            spacing += g.face().pdfAdvance(g.glyphs()[i]) != 0 ? 1 : 0;
        }
        int first = glyphs.get(0);
        int last = glyphs.get(n - 1);
        if (spacing > m && m > 0 && last - first == n - 1) {
            // more glyphs with width than characters (a Bengali ো drawn in two parts around its
            // consonant): no way to deal the text out, so all of them are shapes and one empty glyph
            // as wide as them all carries the cluster's text
            out[first] = cluster;
            spans.put(first, last);
            return;
        }
        if (n == 1) {
            out[glyphs.get(0)] = m == 0 ? null : cluster;
            return;
        }
        // best[k][j]: the best score dealing cps[0, j) to the first k glyphs; from[k][j]: where glyph k-1's piece starts
        int none = Integer.MIN_VALUE / 2;
        int[][] best = new int[n + 1][m + 1];
        int[][] from = new int[n + 1][m + 1];
        for (int[] row : best) {
            Arrays.fill(row, none);
        }
        best[0][0] = 0;
        for (int k = 1; k <= n; k++) {
            int glyph = g.glyphs()[glyphs.get(k - 1)];
            boolean zeroWidth = g.face().pdfAdvance(glyph) == 0;
            List<Integer> own = characters.of(glyph);
            for (int j = 0; j <= m; j++) {
                for (int i = 0; i <= j; i++) {
                    if (best[k - 1][i] == none) {
                        continue;
                    }
                    int score = best[k - 1][i] + score(cps, i, j, zeroWidth, own);
                    if (score > best[k][j]) {
                        best[k][j] = score;
                        from[k][j] = i;
                    }
                }
            }
        }
        int j = m;
        for (int k = n; k >= 1; k--) {
            int i = from[k][j];
            out[glyphs.get(k - 1)] = i == j ? null : new String(cps, i, j - i);
            j = i;
        }
    }

    private static int score(int[] cps, int from, int to, boolean zeroWidth, List<Integer> own) {
        if (from == to) {
            return zeroWidth ? -2 : -5;
        }
        int score = 0;
        for (int i = from; i < to; i++) {
            if (own.contains(cps[i])) {
                score += 3;
                break;
            }
        }
        boolean mark = isMark(cps[from]);
        if (mark == zeroWidth) {
            score += 1;
        }
        if (zeroWidth) {
            for (int i = from; i < to; i++) {
                if (!isMark(cps[i]) && org.handout.layout.FontChain.drawsInk(cps[i])) {
                    // an empty glyph would stand for a letter or a spacing vowel sign that another glyph
                    // draws (the dummy mark after Devanagari र्जि): a reader's text is right either way,
                    // but the glyph then looks blank where ink is expected
                    score -= 3;
                    break;
                }
            }
        }
        if (!zeroWidth) {
            for (int i = from; i < to; i++) {
                if (isMark(cps[i])) {
                    score -= 2; // see piece(): carried by an empty glyph after all
                    break;
                }
            }
        }
        return score;
    }

    /** The characters a font maps to a glyph (its cmap read backwards). */
    interface Characters {
        List<Integer> of(int glyph);
    }

    /** How many of the glyphs have width. */
    private static int spacing(Item.Glyphs g, List<Integer> glyphs) {
        int n = 0;
        for (int i : glyphs) {
            n += g.face().isGlyph(g.glyphs()[i]) && g.face().pdfAdvance(g.glyphs()[i]) != 0 ? 1 : 0;
        }
        return n;
    }

    private static String reversed(String s) {
        int[] cps = s.codePoints().toArray();
        StringBuilder b = new StringBuilder(s.length());
        for (int i = cps.length - 1; i >= 0; i--) {
            b.appendCodePoint(cps[i]);
        }
        return b.toString();
    }

    /** Whether the run is drawn right to left: its clusters go down, or its text starts right to left. */
    static boolean rightToLeft(Item.Glyphs g) {
        return rightToLeft(g, false);
    }

    /**
     * As {@link #rightToLeft(Item.Glyphs)}; a run of digits is left to right, and a run with no
     * strong character and no digit (one neutral character) is {@code neutral}.
     */
    static boolean rightToLeft(Item.Glyphs g, boolean neutral) {
        int[] c = g.clusters();
        if (c.length > 1 && c[0] != c[c.length - 1]) {
            return c[0] > c[c.length - 1];
        }
        String t = g.text();
        for (int i = 0; i < t.length(); ) {
            int cp = t.codePointAt(i);
            int d = UCharacter.getDirection(cp);
            if (d == UCharacterDirection.RIGHT_TO_LEFT || d == UCharacterDirection.RIGHT_TO_LEFT_ARABIC) {
                return true;
            }
            if (d == UCharacterDirection.LEFT_TO_RIGHT || d == UCharacterDirection.EUROPEAN_NUMBER
                    || d == UCharacterDirection.ARABIC_NUMBER) {
                // digits read left to right, and with a Latin letter beside them ("4S") are one stretch
                return false;
            }
            i += Character.charCount(cp);
        }
        return neutral;
    }
}
