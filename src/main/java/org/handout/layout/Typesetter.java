package org.handout.layout;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Bidi;
import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.awt.Font;
import java.awt.font.GlyphVector;
import java.util.Optional;
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
 * the shaped advances, never inside a phone number; a word or number wider than the line is
 * broken as a last resort (at a hyphenation point, a space or dash, else between grapheme
 * clusters): a line is wider than its measure only where a single cluster is;</li>
 * <li>each line's runs are reshaped and placed in visual order by ICU's {@code reorderVisual}.</li>
 * </ol>
 */
final class Typesetter {
    private static final char LRI = '\u2066';
    private static final char RLI = '\u2067';
    private static final char PDI = '\u2069';
    /** U+00AD SOFT HYPHEN: where a writer allows a word to break, with a hyphen drawn when it does. */
    private static final char SOFT_HYPHEN = '\u00AD';

    /** Languages written without spaces between words: a justified line stretches between characters. */
    private static final java.util.Set<String> NO_WORD_SPACES = java.util.Set.of("ja", "zh", "th", "lo", "km", "my");
    /** The most a justified line may stretch each gap, as a share of the font size, before it stays ragged. */
    private static final float MAX_STRETCH = 0.6f;
    /** A ragged line this full (of the measure) is not filled further by hyphenating the next word. */
    private static final float RAGGED_FILL = 0.85f;
    /** A ragged paragraph with a line (not its last) less full than this is hyphenated where it helps. */
    private static final float SHORT_LINE = 0.7f;
    /** A justified line this full is not filled further by hyphenating the next word. */
    private static final float JUSTIFIED_FILL = 0.95f;

    private final FontChain chain;
    private final ULocale locale;
    private final ULocale breakLocale;
    /** Khmer, Lao and Thai repetition marks (U+17D7, U+0EC6, U+0E46): never at a line's start. */
    private static final String REPEAT_MARKS = "\u17D7\u0EC6\u0E46";
    private final boolean rightToLeft;
    private final java.util.Optional<Hyphenator> hyphenator;
    private final boolean keepAll;
    private final boolean wordSpaces;

    Typesetter(FontChain chain, ULocale locale, boolean rightToLeft) {
        this.chain = chain;
        this.locale = locale;
        this.rightToLeft = rightToLeft;
        String language = locale.getLanguage();
        // Japanese: the strict rules of JIS X 4051 keep small kana (ゃ, ッ) and the long-vowel mark
        // off a line start; ICU's default ("normal") allows a break before them
        this.breakLocale = language.equals("ja") && locale.getKeywordValue("lb") == null
                ? locale.setKeywordValue("lb", "strict") : locale;
        this.hyphenator = Hyphenator.forLocale(locale);
        // Korean breaks between words (at spaces), like CSS word-break: keep-all; UAX #14 would
        // break between any two Hangul syllables, cutting words in half
        this.keepAll = language.equals("ko");
        this.wordSpaces = !NO_WORD_SPACES.contains(language);
    }

    boolean rightToLeft() {
        return rightToLeft;
    }

    /** The width of the widest piece of {@code text} that cannot be broken (its longest word). */
    float minContentWidth(Text text, TextStyle style) {
        return new Paragraph(text, style, false).minContentWidth();
    }

    /** Sets {@code text} ragged in lines no wider than {@code width} points. */
    List<Line> set(Text text, TextStyle style, float width) {
        return set(text, style, width, Align.START);
    }

    /**
     * Sets {@code text} in lines no wider than {@code width} points, hyphenating long words where
     * the language has patterns; justified lines (all but the last) are stretched to the full width
     * at word spaces, or between characters in scripts without them.
     */
    List<Line> set(Text text, TextStyle style, float width, Align align) {
        boolean justify = align == Align.JUSTIFY;
        Paragraph p = new Paragraph(text, style, true);
        List<Line> plain = p.lines(width, justify, false);
        if (!p.hyphenatable()) {
            return plain;
        }
        // hyphens only where they earn their place: one line fewer, or no line left short
        List<Line> hyphenated = p.lines(width, justify, true);
        float shortest = 1;
        for (int i = 0; i < plain.size() - 1; i++) {
            shortest = Math.min(shortest, plain.get(i).width() / width);
        }
        return hyphenated.size() < plain.size() || shortest < (justify ? JUSTIFIED_FILL : SHORT_LINE) ? hyphenated : plain;
    }

    /**
     * Sets {@code text} balanced, for headings: as few lines as {@code width} allows, each about as
     * long as the others (the narrowest measure that still gives that many lines), so "…para las /
     * familias" becomes two even lines. The text is shaped once for all the trial measures.
     */
    List<Line> setBalanced(Text text, TextStyle style, float width) {
        Paragraph p = new Paragraph(text, style, false);
        List<Line> lines = p.lines(width, false);
        if (lines.size() < 2) {
            return lines;
        }
        float lo = 0;
        float hi = width;
        for (int k = 0; k < 12; k++) {
            float mid = (lo + hi) / 2;
            if (p.lines(mid, false).size() <= lines.size()) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return p.lines(hi, false);
    }

    /**
     * The largest ascent and descent of any face of the language's chain at this style, in points:
     * every line of a style gets the same height, whatever mix of faces it holds.
     */
    float[] metrics(TextStyle style) {
        float ascent = 0;
        float descent = 0;
        for (Face f : chain.lineFaces(style.bold())) {
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
        /** Emphasised: set in the face's italic, or in the accent colour where the face has none. */
        private final boolean[] emphasis;
        /** The link each character belongs to, or null. */
        private final Inline.Link[] link;
        private final boolean[] noBreak;
        private final String[] lang;
        private final byte[] levels;
        private final Face[] faces;
        private final List<Run> runs = new ArrayList<>();
        private final float[] advance;
        /** {@code hyphen[i]}: the line may end before char i with a hyphen. */
        private final boolean[] hyphen;

        Paragraph(Text text, TextStyle style, boolean hyphenate) {
            this.style = style;
            StringBuilder b = new StringBuilder();
            List<boolean[]> flags = new ArrayList<>();
            List<String> langs = new ArrayList<>();
            List<boolean[]> emphases = new ArrayList<>();
            List<Inline.Link> links = new ArrayList<>();
            for (Inline part : text.parts()) {
                boolean strong = style.bold() || part instanceof Inline.Strong;
                int from = flags.size();
                switch (part) {
                    case Inline.Phone p -> append(b, flags, langs, LRI + p.text() + PDI, strong, true, null);
                    case Inline.Foreign f -> append(b, flags, langs,
                            (ULocale.forLanguageTag(f.lang()).isRightToLeft() ? RLI : LRI) + f.text() + PDI, strong, false, f.lang());
                    default -> append(b, flags, langs, part.text(), strong, false, null);
                }
                for (int k = from; k < flags.size(); k++) {
                    emphases.add(new boolean[] {part instanceof Inline.Emphasis});
                    links.add(part instanceof Inline.Link l ? l : null);
                }
            }
            chars = b.toString().toCharArray();
            int n = chars.length;
            bold = new boolean[n];
            emphasis = new boolean[n];
            link = links.toArray(new Inline.Link[0]);
            noBreak = new boolean[n];
            lang = langs.toArray(new String[0]);
            for (int i = 0; i < n; i++) {
                bold[i] = flags.get(i)[0];
                noBreak[i] = flags.get(i)[1];
                emphasis[i] = emphases.get(i)[0];
            }
            Bidi bidi = new Bidi();
            bidi.setPara(b.toString(), rightToLeft ? Bidi.RTL : Bidi.LTR, null);
            levels = n == 0 ? new byte[0] : bidi.getLevels();
            faces = assignFaces();
            for (int i = 0; i < n; i++) {
                if (emphasis[i] && faces[i] != null) {
                    faces[i] = chain.italic(faces[i]);
                }
            }
            itemize();
            advance = new float[n];
            for (Run r : runs) {
                HarfBuzz.Shaped gv = shape(r.start, r.end, r.face, isRtl(r.level), r.lang);
                int count = gv.glyphs().length;
                for (int g = 0; g < count; g++) {
                    float w = (g + 1 < count ? gv.x()[g + 1] : gv.advance()) - gv.x()[g];
                    advance[r.start + gv.chars()[g]] += w;
                }
            }
            hyphen = hyphenate && hyphenator.isPresent() ? hyphenationPoints(hyphenator.get(), false) : new boolean[n + 1];
        }

        /**
         * Where the words of the paragraph's own language may take a hyphen. By choice, not in bold
         * text, which is a label or a warning to be read at a glance ("Sonderform (Stadium 4S)");
         * {@code evenBold} for a word wider than the line, which must break somewhere.
         */
        private boolean[] hyphenationPoints(Hyphenator h, boolean evenBold) {
            boolean[] out = new boolean[chars.length + 1];
            BreakIterator words = BreakIterator.getWordInstance(locale);
            String s = new String(chars);
            words.setText(s);
            int start = words.first();
            for (int end = words.next(); end != BreakIterator.DONE; start = end, end = words.next()) {
                if (words.getRuleStatus() < BreakIterator.WORD_LETTER || words.getRuleStatus() >= BreakIterator.WORD_KANA_LIMIT
                        || lang[start] != null || noBreak[start] || faces[start] == null || (bold[start] && !evenBold)) {
                    continue;
                }
                for (int point : h.points(s.substring(start, end))) {
                    out[start + point] = true;
                }
            }
            return out;
        }

        /** Hyphenation points for words wider than the line, bold ones too; found when first needed. */
        private boolean[] lastResortHyphens;

        private boolean[] lastResortHyphens() {
            if (lastResortHyphens == null) {
                lastResortHyphens = hyphenator.map(h -> hyphenationPoints(h, true)).orElse(new boolean[chars.length + 1]);
            }
            return lastResortHyphens;
        }

        /** The width of the hyphen that ends a line broken before char {@code at}, in the face of the letter before it. */
        private float hyphenWidth(int at) {
            Face f = hyphenFace(at);
            GlyphVector gv = f.font().layoutGlyphVector(Face.FRC, new char[] {'-'}, 0, 1, Font.LAYOUT_LEFT_TO_RIGHT);
            return (float) gv.getGlyphPosition(1).getX() * style.size() / Face.UNITS;
        }

        private Face hyphenFace(int at) {
            Face f = faces[at - 1];
            return f != null && f.covers('-') ? f : FontChain.first(chain.faces(bold[at - 1]), '-');
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
         * A character with nothing to draw that the shaper must still see (a joiner, a mark) joins
         * its neighbour's run ({@link #attachInvisibles}); controls and bidi isolates get no face
         * and stay out of every run.
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
            attachInvisibles(out);
            widenNarrowSpaces(out);
            return out;
        }

        /**
         * A space between text of two faces takes the other face's space where its own is narrower
         * than a fifth of an em: Noto Nastaliq Urdu's space (0.13 em) is right between Urdu words,
         * whose shapes keep them apart, but beside a phone number or a Latin word («فون 847-434-4000»)
         * it reads as no space at all.
         */
        private void widenNarrowSpaces(Face[] out) {
            int n = chars.length;
            for (int i = 0; i < n; i++) {
                if (chars[i] != ' ' || out[i] == null || spaceWidth(out[i]) >= Face.UNITS / 5) {
                    continue;
                }
                Face other = null;
                boolean besideAnotherScript = false;
                for (int j : new int[] {neighbour(out, i, -1), neighbour(out, i, 1)}) {
                    if (j >= 0 && out[j] != null && out[j] != out[i] && out[j].covers(' ') && spaceWidth(out[j]) >= Face.UNITS / 5) {
                        other = out[j];
                    }
                    // a digit or a letter of another script (a number, a Latin name), not punctuation
                    besideAnotherScript |= j >= 0 && Character.isLetterOrDigit(Character.codePointAt(chars, j))
                            && UScript.getScript(Character.codePointAt(chars, j)) != UScript.getScript(chars[spaceOwner(i)]);
                }
                if (other == null && besideAnotherScript) {
                    // the number beside it is set in the same face (Nastaliq has digits): the chain's first face with a full space
                    for (Face f : chain.faces(bold[i])) {
                        if (f.covers(' ') && spaceWidth(f) >= Face.UNITS / 5) {
                            other = f;
                            break;
                        }
                    }
                }
                if (other != null) {
                    out[i] = other;
                }
            }
        }

        /** The character whose script a space at {@code i} belongs with: the nearest letter before it, else after it. */
        private int spaceOwner(int i) {
            for (int j = i - 1; j >= 0; j--) {
                if (Character.isLetter(chars[j])) {
                    return j;
                }
            }
            for (int j = i + 1; j < chars.length; j++) {
                if (Character.isLetter(chars[j])) {
                    return j;
                }
            }
            return i;
        }

        /** The nearest character before ({@code step} -1) or after (1) {@code i} that is not a space or an invisible control; -1 when none. */
        private int neighbour(Face[] out, int i, int step) {
            for (int j = i + step; j >= 0 && j < chars.length; j += step) {
                if (chars[j] != ' ' && !FontChain.needsNoGlyph(chars[j])) {
                    return j;
                }
            }
            return -1;
        }

        private float spaceWidth(Face f) {
            return f.spaceAdvance();
        }

        /**
         * Puts each joiner, direction mark, variation selector and grapheme joiner in the run of the
         * character before it (or, at the start of the text or after an isolate, of the one after
         * it): with its level, weight and language as well as its face, so it never splits a run. The
         * shaper then sees क, virama, ZWJ, ष whole (the ZWJ asks for the half form of क) and ی, ZWNJ,
         * خ whole (the ZWNJ keeps the letters apart), and the character stays in the run's text, which a
         * reader gets back. A mark between two controls alone takes the chain's first face.
         */
        private void attachInvisibles(Face[] out) {
            int n = chars.length;
            for (int i = 0; i < n; ) {
                int cp = Character.codePointAt(chars, i);
                int len = Character.charCount(cp);
                if (out[i] == null && FontChain.shapedWithNeighbours(cp)) {
                    int anchor = i > 0 && out[i - 1] != null ? i - 1 : nextWithFace(out, i + len);
                    if (anchor >= 0) {
                        fill(out, i, i + len, out[anchor]);
                        for (int k = i; k < i + len; k++) {
                            levels[k] = levels[anchor];
                            bold[k] = bold[anchor];
                            lang[k] = lang[anchor];
                        }
                    } else {
                        fill(out, i, i + len, chain.faces(bold[i]).get(0));
                    }
                }
                i += len;
            }
        }

        /** The first char from {@code from} that has a face, passing over invisibles still to attach; -1 if none. */
        private int nextWithFace(Face[] out, int from) {
            for (int j = from; j < chars.length; ) {
                if (out[j] != null) {
                    return j;
                }
                int cp = Character.codePointAt(chars, j);
                if (!FontChain.shapedWithNeighbours(cp)) {
                    return -1;
                }
                j += Character.charCount(cp);
            }
            return -1;
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
                        && emphasis[j] == emphasis[i] && link[j] == link[i] && java.util.Objects.equals(lang[j], lang[i])) {
                    j++;
                }
                runs.add(new Run(i, j, faces[i], levels[i], lang[i], emphasis[i] && !chain.hasItalic(faces[i]), link[i]));
                i = j;
            }
        }

        /**
         * Shapes {@code chars[start, end)} in one face: by the JDK, or by HarfBuzz told the language
         * where the face has forms of its own for it (see {@link HarfBuzz}). Positions in thousandths
         * of an em; y grows downwards, as the JDK gives it.
         */
        private HarfBuzz.Shaped shape(int start, int end, Face face, boolean rtl, String runLanguage) {
            String language = runLanguage != null ? runLanguage : locale.toLanguageTag();
            Optional<HarfBuzz> hb = HarfBuzz.get();
            if (hb.isPresent()) {
                String script = scriptOf(start, end);
                if (script != null && (!jdkShapes(start, end) || hb.get().hasOwnForms(face, language, script))) {
                    return hb.get().shape(face, chars, start, end, rtl, language, script);
                }
            } else if (!language.equals("en")) {
                HarfBuzz.warnMissing();
            }
            GlyphVector gv = face.font().layoutGlyphVector(Face.FRC, chars, start, end,
                    rtl ? Font.LAYOUT_RIGHT_TO_LEFT : Font.LAYOUT_LEFT_TO_RIGHT);
            int count = gv.getNumGlyphs();
            int[] glyphs = gv.getGlyphCodes(0, count, null);
            int[] at = gv.getGlyphCharIndices(0, count, null);
            float[] pos = gv.getGlyphPositions(0, count + 1, null);
            float[] x = new float[count];
            float[] y = new float[count];
            for (int g = 0; g < count; g++) {
                x[g] = pos[2 * g];
                y[g] = pos[2 * g + 1];
            }
            return new HarfBuzz.Shaped(glyphs, at, x, y, pos[2 * count]);
        }

        /** Whether the JDK's shaper knows the script of every character of {@code chars[start, end)} (see {@link Shaping}). */
        private boolean jdkShapes(int start, int end) {
            for (int i = start; i < end; ) {
                int c = Character.codePointAt(chars, i, end);
                if (!Shaping.byJdk(c)) {
                    return false;
                }
                i += Character.charCount(c);
            }
            return true;
        }

        /** The ISO 15924 code of the first character of {@code chars[start, end)} in a real script ("Deva"), or null. */
        private String scriptOf(int start, int end) {
            for (int i = start; i < end; ) {
                int c = Character.codePointAt(chars, i, end);
                int sc = com.ibm.icu.lang.UScript.getScript(c);
                if (sc != com.ibm.icu.lang.UScript.COMMON && sc != com.ibm.icu.lang.UScript.INHERITED && sc != com.ibm.icu.lang.UScript.UNKNOWN) {
                    return com.ibm.icu.lang.UScript.getShortName(sc);
                }
                i += Character.charCount(c);
            }
            return null;
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
            if (keepAll && Character.isLetterOrDigit(chars[bp - 1]) && Character.isLetterOrDigit(chars[bp])) {
                return false;
            }
            // a repetition mark repeats the word before it and stays with it (តូចៗ, ນ້ອຍໆ, ต่างๆ): ICU's
            // dictionaries may not know the pair and offer a break before the mark
            if (REPEAT_MARKS.indexOf(chars[bp]) >= 0) {
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
            BreakIterator lb = BreakIterator.getLineInstance(breakLocale);
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

        /**
         * Greedy line filling over the break candidates (ICU line boundaries, and hyphenation
         * points where the language has patterns): each line takes as much as fits; a hyphen is
         * used only when the line would otherwise stay less than {@link #RAGGED_FILL} full
         * ({@link #JUSTIFIED_FILL} when justified), so hyphens come only where they help.
         */
        /** Whether any word of the paragraph may take a hyphen. */
        boolean hyphenatable() {
            for (boolean h : hyphen) {
                if (h) {
                    return true;
                }
            }
            return false;
        }

        List<Line> lines(float maxWidth, boolean justify) {
            return lines(maxWidth, justify, false);
        }

        /**
         * The lines at {@code maxWidth}, none wider as drawn. Breaks are chosen on the advances of
         * the paragraph shaped whole; a line is then shaped on its own, and in a script whose
         * glyphs depend on what is around them (Noto Nastaliq Urdu's cascades) that can come out a
         * few points wider. When a line would, the paragraph is broken again on a measure narrower
         * by the excess (at most six times; the page check refuses anything still outside).
         */
        List<Line> lines(float maxWidth, boolean justify, boolean hyphens) {
            List<Line> first = linesAt(maxWidth, justify, hyphens);
            List<Line> out = first;
            float measure = maxWidth;
            for (int attempt = 0; attempt < 6; attempt++) {
                float over = overflow(out, maxWidth);
                if (over <= 0.01f) {
                    return out;
                }
                measure -= over + 0.01f * maxWidth;
                if (measure < 0.8f * maxWidth) {
                    break;
                }
                out = linesAt(measure, justify, hyphens);
            }
            // a word wider than the column overflows at any measure: then the lines as first broken
            return overflow(out, maxWidth) <= 0.01f ? out : first;
        }

        private static float overflow(List<Line> lines, float maxWidth) {
            float over = 0;
            for (Line l : lines) {
                over = Math.max(over, l.width() - maxWidth);
            }
            return over;
        }

        private List<Line> linesAt(float maxWidth, boolean justify, boolean hyphens) {
            BreakIterator lb = BreakIterator.getLineInstance(breakLocale);
            lb.setText(new String(chars));
            List<int[]> candidates = new ArrayList<>(); // {position, 1 if hyphenated}
            // no hyphen in the paragraph's last word: it would leave a fragment ("tet.") alone on the last line
            int lastWord = 0;
            for (int bp = lb.preceding(chars.length); bp != BreakIterator.DONE && bp > 0; bp = lb.previous()) {
                if (breakable(bp)) {
                    lastWord = bp;
                    break;
                }
            }
            for (int bp = lb.following(0); bp != BreakIterator.DONE; bp = lb.next()) {
                for (int h = candidates.isEmpty() ? 1 : candidates.get(candidates.size() - 1)[0] + 1; h < bp; h++) {
                    if (hyphens && hyphen[h] && h < lastWord) {
                        candidates.add(new int[] {h, 1});
                    }
                }
                if (breakable(bp)) {
                    // after a soft hyphen the writer put in, a line that ends there needs its hyphen drawn
                    candidates.add(new int[] {bp, chars[bp - 1] == SOFT_HYPHEN ? 1 : 0});
                }
            }
            float fill = justify ? JUSTIFIED_FILL : RAGGED_FILL;
            List<int[]> breaks = new ArrayList<>(); // {start, end, 1 if hyphenated}
            int start = 0;
            int k = 0;
            while (start < chars.length) {
                while (k < candidates.size() && candidates.get(k)[0] <= start) {
                    k++;
                }
                int plain = -1;
                int hyphenated = -1;
                int overflow = chars.length;
                for (int j = k; j < candidates.size(); j++) {
                    int[] c = candidates.get(j);
                    float w = c[1] == 1 ? width(start, c[0]) + hyphenWidth(c[0]) : width(start, trimEnd(start, c[0]));
                    if (w > maxWidth) {
                        if (c[1] == 0) {
                            overflow = c[0];
                            break;
                        }
                        continue;
                    }
                    if (c[1] == 1) {
                        hyphenated = c[0];
                    } else {
                        plain = c[0];
                    }
                }
                if (plain == chars.length) {
                    breaks.add(new int[] {start, plain, 0});
                    break;
                }
                boolean plainFull = plain > start && width(start, trimEnd(start, plain)) >= fill * maxWidth;
                if (hyphenated > plain && !plainFull) {
                    breaks.add(new int[] {start, hyphenated, 1});
                    start = hyphenated;
                } else if (plain > start) {
                    breaks.add(new int[] {start, plain, 0});
                    start = plain;
                } else {
                    // a word wider than the line: broken as a last resort; what is left of it starts a
                    // line that is filled like any other
                    int rest = splitLongWord(start, overflow, maxWidth, breaks);
                    if (rest == start) {
                        breaks.add(new int[] {start, overflow, 0});
                        rest = overflow;
                    }
                    start = rest;
                }
            }
            if (breaks.isEmpty() || breaks.get(breaks.size() - 1)[1] < chars.length) {
                int from = breaks.isEmpty() ? 0 : breaks.get(breaks.size() - 1)[1];
                if (from < chars.length) {
                    breaks.add(new int[] {from, chars.length, 0});
                }
            }
            avoidRunt(breaks, lb, maxWidth);
            List<Line> lines = new ArrayList<>();
            for (int i = 0; i < breaks.size(); i++) {
                int[] b = breaks.get(i);
                boolean last = i == breaks.size() - 1;
                lines.add(line(b[0], b[1], b[2] == 1, justify && !last ? maxWidth : 0));
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
                prev[2] = 0;
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
         * A piece of text with no break opportunity that fits, from {@code start} to {@code end} and
         * wider than the line (a long compound, a phone number wider than a narrow column): broken, as
         * a last resort, so that nothing runs out of the measure. Each line ends at the latest of its
         * best places: a hyphenation point (with a drawn hyphen) where the language has patterns, a
         * space or a dash inside a phone number ("800 422 / 6237"); only where none fits, between
         * grapheme clusters, so no letter loses its marks. Adds the full lines to {@code breaks} and
         * returns where the rest starts: it fits, and is filled like any other line.
         */
        private int splitLongWord(int start, int end, float maxWidth, List<int[]> breaks) {
            boolean[] points = lastResortHyphens();
            BreakIterator graphemes = BreakIterator.getCharacterInstance(locale);
            graphemes.setText(new String(chars));
            List<Integer> bounds = new ArrayList<>();
            for (int g = graphemes.following(start); g != BreakIterator.DONE && g <= end; g = graphemes.next()) {
                bounds.add(g);
            }
            int lineStart = start;
            int i = 0;
            while (i < bounds.size()) {
                int fit = -1;
                int good = -1;
                boolean goodHyphen = false;
                int j = i;
                for (; j < bounds.size(); j++) {
                    int g = bounds.get(j);
                    float w = width(lineStart, trimEnd(lineStart, g));
                    if (w > maxWidth) {
                        break;
                    }
                    if (w <= 0) {
                        continue; // nothing drawn yet (a space, a bidi isolate's opening mark): no line to end
                    }
                    fit = j;
                    if (g < chars.length && readsAsBreak(g)) {
                        good = j;
                        goodHyphen = false;
                    } else if (points[g] && width(lineStart, g) + hyphenWidth(g) <= maxWidth) {
                        good = j;
                        goodHyphen = true;
                    }
                }
                if (j == bounds.size()) {
                    if (lineStart > start && trimEnd(lineStart, end) == lineStart) {
                        // only a space is left: it ends the line before rather than make one of its own
                        breaks.get(breaks.size() - 1)[1] = end;
                        lineStart = end;
                    }
                    break;
                }
                // a single cluster wider than the line still takes a line of its own
                int pick = good >= 0 ? good : fit;
                if (pick < 0) {
                    pick = i;
                    while (pick < bounds.size() - 1 && width(lineStart, trimEnd(lineStart, bounds.get(pick))) <= 0) {
                        pick++;
                    }
                }
                int at = bounds.get(pick);
                breaks.add(new int[] {lineStart, at, pick == good && goodHyphen ? 1 : 0});
                lineStart = at;
                i = pick + 1;
            }
            return lineStart;
        }

        /** A break before char {@code at} that a reader takes for one: after a space or a dash. */
        private boolean readsAsBreak(int at) {
            char c = chars[at - 1];
            return UCharacter.isUWhiteSpace(c) || Character.getType(c) == Character.DASH_PUNCTUATION || c == '/';
        }

        /**
         * One line from chars {@code start} to {@code end}: its runs shaped, a hyphen added when the
         * line ends inside a word, stretched to {@code justifyTo} points when that is not 0, and
         * placed in visual order.
         */
        private Line line(int start, int end, boolean hyphenated, float justifyTo) {
            // a line broken at a soft hyphen shows the hyphen drawn below, which carries the soft hyphen as its text
            boolean atSoftHyphen = hyphenated && end > start && chars[end - 1] == SOFT_HYPHEN;
            int visibleEnd = trimEnd(start, atSoftHyphen ? end - 1 : end);
            float scale = style.size() / Face.UNITS;
            List<Piece> pieces = new ArrayList<>();
            List<int[]> pieceChars = new ArrayList<>(); // the paragraph offset of each glyph's first char
            List<Byte> pieceLevels = new ArrayList<>();
            for (Run r : runs) {
                int s = Math.max(r.start, start);
                int e = Math.min(r.end, visibleEnd);
                if (s >= e) {
                    continue;
                }
                boolean rtl = isRtl(r.level);
                HarfBuzz.Shaped gv = shape(s, e, r.face, rtl, r.lang);
                int count = gv.glyphs().length;
                int[] glyphs = gv.glyphs().clone();
                int[] at = new int[count];
                float[] dx = new float[count];
                float[] dy = new float[count];
                for (int g = 0; g < count; g++) {
                    at[g] = s + gv.chars()[g];
                    dx[g] = gv.x()[g] * scale;
                    dy[g] = -gv.y()[g] * scale;
                }
                float adv = gv.advance() * scale;
                int[] clusters = new int[count];
                for (int g = 0; g < count; g++) {
                    clusters[g] = at[g] - s;
                }
                pieces.add(new Piece(r.face, style.size(), r.accent || r.link != null ? ACCENT : style.rgb(), 0, adv, glyphs, dx, dy,
                        new String(chars, s, e - s), r.lang, rtl, clusters, r.link));
                pieceChars.add(at);
                pieceLevels.add(r.level);
            }
            if (hyphenated && !pieces.isEmpty()) {
                // the hyphen a break inside a word needs; its text is a soft hyphen, so a reader
                // (or a copy and paste) gets the word back whole
                Face f = hyphenFace(end);
                GlyphVector gv = f.font().layoutGlyphVector(Face.FRC, new char[] {'-'}, 0, 1, Font.LAYOUT_LEFT_TO_RIGHT);
                pieces.add(new Piece(f, style.size(), style.rgb(), 0, (float) gv.getGlyphPosition(1).getX() * scale,
                        new int[] {gv.getGlyphCode(0)}, new float[] {0}, new float[] {0}, "\u00AD", lang[end - 1], false, new int[] {0}));
                pieceChars.add(new int[] {-1});
                pieceLevels.add(levels[end - 1]);
            }
            if (justifyTo > 0) {
                pieces = justify(pieces, pieceChars, start, visibleEnd, justifyTo);
            }
            int count = pieces.size();
            byte[] lv = new byte[count];
            for (int i = 0; i < count; i++) {
                lv[i] = pieceLevels.get(i);
            }
            int[] visualToLogical = count == 0 ? new int[0] : Bidi.reorderVisual(lv);
            float[] xs = new float[count];
            float x = 0;
            for (int v : visualToLogical) {
                xs[v] = x;
                x += pieces.get(v).advance();
            }
            // the content stream follows the logical order, so a reader gets the text back in reading order;
            // the whitespace trimmed from the line end stays in the text (not drawn) so words do not run together
            String trailing = new String(chars, visibleEnd, end - visibleEnd).replaceAll(atSoftHyphen ? "[\u2066-\u2069\u00AD]" : "[\u2066-\u2069]", "");
            List<Piece> placed = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Piece p = pieces.get(i);
                String text = i == count - 1 ? p.text() + trailing : p.text();
                placed.add(new Piece(p.face(), p.size(), p.rgb(), xs[i], p.advance(), p.glyphs(), p.dx(), p.dy(),
                        text, p.lang(), p.rightToLeft(), p.clusters(), p.link()));
            }
            return new Line(x, placed);
        }

        /**
         * Stretches a line to {@code target} points: the missing width goes in equal shares after
         * each word space (or, in scripts without them, after each char that ends a line-break
         * opportunity). A line that would need more than {@link #MAX_STRETCH} of the font size in
         * each gap, or has no gap, stays as it is: ragged reads better than rivers.
         */
        private List<Piece> justify(List<Piece> pieces, List<int[]> pieceChars, int start, int visibleEnd, float target) {
            boolean[] gap = new boolean[chars.length];
            int gaps = 0;
            BreakIterator lb = null;
            if (!wordSpaces) {
                lb = BreakIterator.getLineInstance(breakLocale);
                lb.setText(new String(chars));
            }
            for (int i = start; i < visibleEnd - 1; i++) {
                boolean stretch = wordSpaces ? chars[i] == ' ' && !noBreak[i]
                        : !noBreak[i] && lb.isBoundary(i + 1) && breakable(i + 1);
                if (stretch) {
                    gap[i] = true;
                    gaps++;
                }
            }
            float natural = 0;
            for (Piece p : pieces) {
                natural += p.advance();
            }
            float extra = target - natural;
            if (gaps == 0 || extra <= 0 || extra / gaps > MAX_STRETCH * style.size()) {
                return pieces;
            }
            float each = extra / gaps;
            int[] before = new int[chars.length + 1]; // gaps among chars [0, i)
            for (int c = 0; c < chars.length; c++) {
                before[c + 1] = before[c] + (gap[c] ? 1 : 0);
            }
            List<Piece> out = new ArrayList<>();
            for (int i = 0; i < pieces.size(); i++) {
                Piece p = pieces.get(i);
                int[] at = pieceChars.get(i);
                int lo = Arrays.stream(at).filter(a -> a >= 0).min().orElse(0);
                int hi = Arrays.stream(at).filter(a -> a >= 0).max().orElse(-1);
                int own = hi < lo ? 0 : before[hi + 1] - before[lo];
                float[] dx = p.dx().clone();
                for (int g = 0; g < dx.length; g++) {
                    if (at[g] >= 0) {
                        // left to right, a glyph moves by the gaps before it; right to left, by those after it
                        int shifted = p.rightToLeft() ? before[hi + 1] - before[at[g]] : before[at[g]] - before[lo];
                        dx[g] += shifted * each;
                    }
                }
                out.add(new Piece(p.face(), p.size(), p.rgb(), p.x(), p.advance() + own * each, p.glyphs(), dx, p.dy(),
                        p.text(), p.lang(), p.rightToLeft(), p.clusters(), p.link()));
            }
            return out;
        }
    }

    private static boolean isRtl(byte level) {
        return (level & 1) == 1;
    }

    /**
     * A run of one level, face, weight, language and link, as char offsets into the paragraph;
     * {@code accent}: emphasised in a face without an italic, so drawn in the accent colour.
     */
    private record Run(int start, int end, Face face, byte level, String lang, boolean accent, Inline.Link link) {
    }

    /** The colour of emphasis in a script whose face has no italic (Arabic, Devanagari, Han...): the headings' blue. */
    private static final int ACCENT = 0x14507A;
}
