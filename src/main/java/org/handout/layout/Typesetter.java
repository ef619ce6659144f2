package org.handout.layout;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Bidi;
import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.awt.Font;
import java.awt.font.GlyphVector;
import java.awt.geom.Point2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.handout.doc.Inline;
import org.handout.doc.Text;

/**
 * Sets a paragraph into lines, the same way for every script:
 * <ol>
 * <li>ICU4J {@link Bidi} resolves the embedding level of every character (phone numbers and
 * foreign spans are isolated first, so "800-422-6237" stays in order inside Arabic);</li>
 * <li>each character gets the first face of the chain that has it (neutral characters stay with
 * their neighbours' face), and runs of one level, face and language are shaped by the JDK
 * (HarfBuzz) in their direction: Arabic joins, Devanagari reorders and forms conjuncts;</li>
 * <li>lines are broken at ICU4J {@link BreakIterator} line boundaries for the locale, measuring
 * the shaped advances, never inside a phone number;</li>
 * <li>each line's runs are reshaped and placed in visual order by ICU's {@code reorderVisual}.</li>
 * </ol>
 */
final class Typesetter {
    private static final char LRI = '\u2066';
    private static final char RLI = '\u2067';
    private static final char PDI = '\u2069';

    private final FontChain chain;
    private final ULocale locale;
    private final boolean rightToLeft;

    Typesetter(FontChain chain, ULocale locale, boolean rightToLeft) {
        this.chain = chain;
        this.locale = locale;
        this.rightToLeft = rightToLeft;
    }

    boolean rightToLeft() {
        return rightToLeft;
    }

    /** The width of the widest piece of {@code text} that cannot be broken (its longest word). */
    float minContentWidth(Text text, TextStyle style) {
        return new Paragraph(text, style).minContentWidth();
    }

    /** Sets {@code text} in lines no wider than {@code width} points. */
    List<Line> set(Text text, TextStyle style, float width) {
        return new Paragraph(text, style).lines(width);
    }

    /**
     * Sets {@code text} balanced, for headings: as few lines as {@code width} allows, each about as
     * long as the others (the narrowest measure that still gives that many lines), so "…para las /
     * familias" becomes two even lines. The text is shaped once for all the trial measures.
     */
    List<Line> setBalanced(Text text, TextStyle style, float width) {
        Paragraph p = new Paragraph(text, style);
        List<Line> lines = p.lines(width);
        if (lines.size() < 2) {
            return lines;
        }
        float lo = 0;
        float hi = width;
        for (int k = 0; k < 12; k++) {
            float mid = (lo + hi) / 2;
            if (p.lines(mid).size() <= lines.size()) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return p.lines(hi);
    }

    /**
     * The largest ascent and descent of any face of the language's chain at this style, in points:
     * every line of a style gets the same height, whatever mix of faces it holds.
     */
    float[] metrics(TextStyle style) {
        float ascent = 0;
        float descent = 0;
        for (Face f : chain.faces(style.bold())) {
            ascent = Math.max(ascent, f.ascent() * style.size() / Face.UNITS);
            descent = Math.max(descent, f.descent() * style.size() / Face.UNITS);
        }
        return new float[] {ascent, descent};
    }

    /** A paragraph being set: its logical text with per-character attributes, levels, faces and runs. */
    private final class Paragraph {
        private final TextStyle style;
        private final char[] chars;
        private final boolean[] bold;
        private final boolean[] noBreak;
        private final String[] lang;
        private final byte[] levels;
        private final Face[] faces;
        private final List<Run> runs = new ArrayList<>();
        private final float[] advance;

        Paragraph(Text text, TextStyle style) {
            this.style = style;
            StringBuilder b = new StringBuilder();
            List<boolean[]> flags = new ArrayList<>();
            List<String> langs = new ArrayList<>();
            for (Inline part : text.parts()) {
                boolean strong = style.bold() || part instanceof Inline.Strong;
                switch (part) {
                    case Inline.Phone p -> append(b, flags, langs, LRI + p.text() + PDI, strong, true, null);
                    case Inline.Foreign f -> append(b, flags, langs,
                            (ULocale.forLanguageTag(f.lang()).isRightToLeft() ? RLI : LRI) + f.text() + PDI, strong, false, f.lang());
                    default -> append(b, flags, langs, part.text(), strong, false, null);
                }
            }
            chars = b.toString().toCharArray();
            int n = chars.length;
            bold = new boolean[n];
            noBreak = new boolean[n];
            lang = langs.toArray(new String[0]);
            for (int i = 0; i < n; i++) {
                bold[i] = flags.get(i)[0];
                noBreak[i] = flags.get(i)[1];
            }
            Bidi bidi = new Bidi();
            bidi.setPara(b.toString(), rightToLeft ? Bidi.RTL : Bidi.LTR, null);
            levels = n == 0 ? new byte[0] : bidi.getLevels();
            faces = assignFaces();
            itemize();
            advance = new float[n];
            for (Run r : runs) {
                GlyphVector gv = shape(r.start, r.end, r.face, isRtl(r.level));
                int count = gv.getNumGlyphs();
                for (int g = 0; g < count; g++) {
                    double w = gv.getGlyphPosition(g + 1).getX() - gv.getGlyphPosition(g).getX();
                    advance[r.start + gv.getGlyphCharIndex(g)] += (float) w;
                }
            }
        }

        private static void append(StringBuilder b, List<boolean[]> flags, List<String> langs, String s, boolean strong,
                                   boolean keep, String language) {
            b.append(s);
            for (int i = 0; i < s.length(); i++) {
                flags.add(new boolean[] {strong, keep});
                langs.add(language);
            }
        }

        /**
         * The first face of the chain that has the character. Neutral characters (digits, spaces,
         * punctuation) keep the face of the text before them, or take that of the text after them,
         * so a number reads in one face; a bidi isolate (phone number, foreign name) starts afresh.
         */
        private Face[] assignFaces() {
            int n = chars.length;
            Face[] out = new Face[n];
            Face previous = null;
            int i = 0;
            while (i < n) {
                int cp = Character.codePointAt(chars, i);
                int len = Character.charCount(cp);
                if (FontChain.needsNoGlyph(cp)) {
                    if (cp >= LRI && cp <= PDI) {
                        previous = null;
                    }
                    i += len;
                    continue;
                }
                int script = UScript.getScript(cp);
                List<Face> list = chain.faces(bold[i]);
                if (script == UScript.INHERITED && previous != null && previous.covers(cp)) {
                    fill(out, i, i + len, previous);
                    i += len;
                    continue;
                }
                if (script == UScript.COMMON || script == UScript.INHERITED) {
                    int end = neutralEnd(i);
                    Face next = end < n && !FontChain.needsNoGlyph(Character.codePointAt(chars, end))
                            ? FontChain.first(chain.faces(bold[end]), Character.codePointAt(chars, end)) : null;
                    Face f = previous != null && list.contains(previous) && coversAll(previous, i, end) ? previous
                            : next != null && list.contains(next) && coversAll(next, i, end) ? next
                            : firstCoveringAll(list, i, end);
                    if (f != null) {
                        fill(out, i, end, f);
                        previous = f;
                        i = end;
                        continue;
                    }
                }
                Face f = FontChain.first(list, cp);
                if (f == null) {
                    throw new IllegalStateException(String.format(java.util.Locale.ROOT, "no font for U+%04X; the composer should have reported it", cp));
                }
                fill(out, i, i + len, f);
                previous = f;
                i += len;
            }
            return out;
        }

        /** End of the run of neutral (Common/Inherited) characters of one style starting at {@code i}. */
        private int neutralEnd(int i) {
            int j = i;
            while (j < chars.length) {
                int cp = Character.codePointAt(chars, j);
                int script = UScript.getScript(cp);
                if ((script != UScript.COMMON && script != UScript.INHERITED) || FontChain.needsNoGlyph(cp) || bold[j] != bold[i]) {
                    break;
                }
                j += Character.charCount(cp);
            }
            return Math.max(j, i + Character.charCount(Character.codePointAt(chars, i)));
        }

        private boolean coversAll(Face f, int start, int end) {
            for (int i = start; i < end; ) {
                int cp = Character.codePointAt(chars, i);
                if (!f.covers(cp)) {
                    return false;
                }
                i += Character.charCount(cp);
            }
            return true;
        }

        private Face firstCoveringAll(List<Face> list, int start, int end) {
            for (Face f : list) {
                if (coversAll(f, start, end)) {
                    return f;
                }
            }
            return null;
        }

        private static void fill(Face[] out, int from, int to, Face f) {
            Arrays.fill(out, from, to, f);
        }

        /** Splits the paragraph into runs of one level, face, weight and language. */
        private void itemize() {
            int i = 0;
            while (i < chars.length) {
                if (faces[i] == null) {
                    i++;
                    continue;
                }
                int j = i + 1;
                while (j < chars.length && faces[j] == faces[i] && levels[j] == levels[i] && bold[j] == bold[i]
                        && java.util.Objects.equals(lang[j], lang[i])) {
                    j++;
                }
                runs.add(new Run(i, j, faces[i], levels[i], lang[i]));
                i = j;
            }
        }

        private GlyphVector shape(int start, int end, Face face, boolean rtl) {
            return face.font().layoutGlyphVector(Face.FRC, chars, start, end,
                    rtl ? Font.LAYOUT_RIGHT_TO_LEFT : Font.LAYOUT_LEFT_TO_RIGHT);
        }

        private float width(int start, int end) {
            float w = 0;
            for (int i = start; i < end; i++) {
                w += advance[i];
            }
            return w * style.size() / Face.UNITS;
        }

        private boolean skippable(int i) {
            return UCharacter.isUWhiteSpace(chars[i]) || faces[i] == null;
        }

        private int trimEnd(int start, int end) {
            while (end > start && skippable(end - 1)) {
                end--;
            }
            return end;
        }

        /**
         * A line may end at an ICU line-break opportunity, except inside a phone number, between a
         * number and the word after it, and after a hyphen that leaves fewer than three letters on
         * either side ("X-" / "ray").
         */
        private boolean breakable(int bp) {
            if (bp >= chars.length) {
                return true;
            }
            if (noBreak[bp - 1] && noBreak[bp]) {
                return false;
            }
            // a number stays with the word after it: "12 / months", "10 / ans" read as broken
            int gap = bp;
            while (gap > 0 && chars[gap - 1] == ' ') {
                gap--;
            }
            if (gap < bp && gap > 0 && Character.isDigit(chars[gap - 1]) && !noBreak[gap - 1]) {
                return false;
            }
            char c = chars[bp - 1];
            if (c == '-' || c == '\u2010') {
                int before = 0;
                for (int i = bp - 2; i >= 0 && Character.isLetter(chars[i]); i--) {
                    before++;
                }
                int after = 0;
                for (int i = bp; i < chars.length && Character.isLetter(chars[i]); i++) {
                    after++;
                }
                return before >= 3 && after >= 3;
            }
            return true;
        }

        float minContentWidth() {
            BreakIterator lb = BreakIterator.getLineInstance(locale);
            lb.setText(new String(chars));
            float widest = 0;
            int start = 0;
            for (int bp = lb.following(0); bp != BreakIterator.DONE; bp = lb.next()) {
                if (breakable(bp)) {
                    widest = Math.max(widest, width(start, trimEnd(start, bp)));
                    start = bp;
                }
            }
            return widest;
        }

        List<Line> lines(float maxWidth) {
            List<int[]> breaks = new ArrayList<>();
            BreakIterator lb = BreakIterator.getLineInstance(locale);
            lb.setText(new String(chars));
            int start = 0;
            int lastFit = -1;
            int bp = lb.following(0);
            while (bp != BreakIterator.DONE && start < chars.length) {
                if (!breakable(bp)) {
                    bp = lb.next();
                    continue;
                }
                if (width(start, trimEnd(start, bp)) <= maxWidth) {
                    lastFit = bp;
                    bp = lb.next();
                } else if (lastFit > start) {
                    breaks.add(new int[] {start, lastFit});
                    start = lastFit;
                    lastFit = -1;
                } else {
                    start = splitLongWord(start, bp, maxWidth, breaks);
                    lastFit = -1;
                }
            }
            if (start < chars.length) {
                breaks.add(new int[] {start, chars.length});
            }
            avoidRunt(breaks, lb, maxWidth);
            List<Line> lines = new ArrayList<>();
            for (int[] b : breaks) {
                lines.add(line(b[0], b[1]));
            }
            return lines;
        }

        /**
         * A last line of a few characters ("汗。", "4S)") or a sliver of the measure reads as a
         * mistake: end the line before it one opportunity earlier, when the last line still fits.
         */
        private void avoidRunt(List<int[]> breaks, BreakIterator lb, float maxWidth) {
            if (breaks.size() < 2) {
                return;
            }
            int[] last = breaks.get(breaks.size() - 1);
            int[] prev = breaks.get(breaks.size() - 2);
            int end = trimEnd(last[0], last[1]);
            while (isRunt(last[0], end, maxWidth)) {
                int earlier = -1;
                for (int bp = lb.preceding(last[0]); bp != BreakIterator.DONE && bp > prev[0]; bp = lb.preceding(bp)) {
                    if (breakable(bp)) {
                        earlier = bp;
                        break;
                    }
                }
                // move only while the line before stays at least half full and the last line fits
                if (earlier < 0 || width(prev[0], trimEnd(prev[0], earlier)) < 0.5f * maxWidth || width(earlier, end) > maxWidth) {
                    return;
                }
                prev[1] = earlier;
                last[0] = earlier;
            }
        }

        /** A last line of one letter or ideograph (punctuation aside), or a sliver under 6% of the measure. */
        private boolean isRunt(int start, int end, float maxWidth) {
            int letters = 0;
            for (int i = start; i < end; ) {
                int cp = Character.codePointAt(chars, i);
                if (Character.isLetterOrDigit(cp)) {
                    letters++;
                }
                i += Character.charCount(cp);
            }
            return letters <= 1 || width(start, end) < 0.06f * maxWidth;
        }

        /**
         * A word wider than the line: break it between grapheme clusters (never inside a phone
         * number); returns where the rest starts.
         */
        private int splitLongWord(int start, int end, float maxWidth, List<int[]> breaks) {
            BreakIterator graphemes = BreakIterator.getCharacterInstance(locale);
            graphemes.setText(new String(chars));
            int lineStart = start;
            int last = start;
            for (int g = graphemes.following(start); g != BreakIterator.DONE && g <= end; g = graphemes.next()) {
                if (g < chars.length && noBreak[g - 1] && noBreak[g]) {
                    continue; // a phone number wider than the column overflows rather than splits
                }
                if (width(lineStart, g) > maxWidth && last > lineStart) {
                    breaks.add(new int[] {lineStart, last});
                    lineStart = last;
                }
                last = g;
            }
            return lineStart;
        }

        private Line line(int start, int end) {
            int visibleEnd = trimEnd(start, end);
            List<Piece> pieces = new ArrayList<>();
            List<Byte> pieceLevels = new ArrayList<>();
            for (Run r : runs) {
                int s = Math.max(r.start, start);
                int e = Math.min(r.end, visibleEnd);
                if (s >= e) {
                    continue;
                }
                boolean rtl = isRtl(r.level);
                GlyphVector gv = shape(s, e, r.face, rtl);
                int count = gv.getNumGlyphs();
                float scale = style.size() / Face.UNITS;
                int[] glyphs = new int[count];
                float[] dx = new float[count];
                float[] dy = new float[count];
                for (int g = 0; g < count; g++) {
                    Point2D p = gv.getGlyphPosition(g);
                    glyphs[g] = gv.getGlyphCode(g);
                    dx[g] = (float) p.getX() * scale;
                    dy[g] = (float) -p.getY() * scale;
                }
                float adv = (float) gv.getGlyphPosition(count).getX() * scale;
                pieces.add(new Piece(r.face, style.size(), style.rgb(), 0, adv, glyphs, dx, dy,
                        new String(chars, s, e - s), r.lang, rtl));
                pieceLevels.add(r.level);
            }
            int count = pieces.size();
            byte[] lv = new byte[count];
            for (int i = 0; i < count; i++) {
                lv[i] = pieceLevels.get(i);
            }
            int[] visualToLogical = count == 0 ? new int[0] : Bidi.reorderVisual(lv);
            List<Piece> visual = new ArrayList<>();
            for (int v : visualToLogical) {
                visual.add(pieces.get(v));
            }
            java.util.Map<Piece, Float> xs = new java.util.IdentityHashMap<>();
            float x = 0;
            for (Piece p : visual) {
                xs.put(p, x);
                x += p.advance();
            }
            // the content stream follows the logical order, so a reader gets the text back in reading order;
            // the whitespace trimmed from the line end stays in the text (not drawn) so words do not run together
            String trailing = new String(chars, visibleEnd, end - visibleEnd).replaceAll("[\u2066-\u2069]", "");
            List<Piece> placed = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Piece p = pieces.get(i);
                String text = i == count - 1 ? p.text() + trailing : p.text();
                placed.add(new Piece(p.face(), p.size(), p.rgb(), xs.get(p), p.advance(), p.glyphs(), p.dx(), p.dy(),
                        text, p.lang(), p.rightToLeft()));
            }
            return new Line(x, placed);
        }
    }

    private static boolean isRtl(byte level) {
        return (level & 1) == 1;
    }

    /** A run of one level, face, weight and language, as char offsets into the paragraph. */
    private record Run(int start, int end, Face face, byte level, String lang) {
    }
}
