package org.handout.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.icu.util.ULocale;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.handout.doc.Inline;
import org.handout.doc.Text;
import org.handout.report.Problems;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Joiners and marks reach the shaper inside the run of their neighbours: ZWJ after a virama gives
 * the half form, ZWNJ the explicit virama, a Persian ZWNJ keeps two letters apart; and they stay
 * in the text a reader gets back, while layout's own bidi isolates never do. Glyphs are named by
 * the font's own glyph names (its post table, read with FontBox), so the test says what a reader
 * of the font would see.
 */
class JoinerShapingTest {
    static FontBook fonts;
    static final TextStyle BODY = new TextStyle(10.5f, false, 0);
    static final Map<Face, TrueTypeFont> PARSED = new HashMap<>();

    @BeforeAll
    static void loadFonts() {
        Problems p = new Problems();
        fonts = FontBook.load(Path.of("fonts"), "fonts", p).orElseThrow(() -> new AssertionError(p.sorted()));
    }

    private static Line line(String tag, Text text) {
        ULocale l = ULocale.forLanguageTag(tag);
        List<Line> lines = new Typesetter(fonts.chain(tag), l, l.isRightToLeft()).set(text, BODY, 500);
        assertEquals(1, lines.size());
        return lines.get(0);
    }

    /** The font's names of the glyphs of a piece that draw something (the shaper's invisible glyph left out), in visual order. */
    private static List<String> names(Piece p) {
        TrueTypeFont ttf = PARSED.computeIfAbsent(p.face(), f -> {
            try {
                return new TTFParser().parse(new RandomAccessReadBuffer(f.bytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        List<String> out = new ArrayList<>();
        for (int g : p.glyphs()) {
            if (p.face().isGlyph(g)) {
                try {
                    out.add(ttf.getPostScript().getName(g));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out;
    }

    @Test
    void zwjAfterTheViramaGivesTheHalfFormAndStaysInTheText() {
        Line l = line("hi", Text.plain("क्\u200Dष"));
        assertEquals(1, l.pieces().size(), "one run: the joiner does not split it");
        Piece p = l.pieces().get(0);
        assertEquals("क्\u200Dष", p.text());
        assertEquals(List.of("kaprehalfdeva", "ssadeva"), names(p), "the half form of क, then ष; no virama");
    }

    @Test
    void zwnjAfterTheViramaGivesTheExplicitViramaAndStaysInTheText() {
        Piece p = line("hi", Text.plain("क्\u200Cष")).pieces().get(0);
        assertEquals("क्\u200Cष", p.text());
        assertEquals(List.of("kadeva", "viramadeva", "ssadeva"), names(p));
        // without a joiner the two letters make the conjunct
        assertEquals(List.of("kassadeva"), names(line("hi", Text.plain("क्ष")).pieces().get(0)));
    }

    @Test
    void persianZwnjKeepsTheLettersApartInsideOneRun() {
        Line l = line("ar", Text.plain("می\u200Cخواهم"));
        assertEquals(1, l.pieces().size());
        Piece p = l.pieces().get(0);
        assertEquals("می\u200Cخواهم", p.text());
        List<String> forms = names(p);
        // right to left, so the glyphs come last letter first: خ takes its initial form, ی its final
        // form, where without the ZWNJ both would be medial
        int khah = forms.indexOf("uniFEA7");
        assertTrue(khah >= 0 && forms.get(khah + 1).equals("uniFBFD"), forms.toString());
        List<String> joined = names(line("ar", Text.plain("میخواهم")).pieces().get(0));
        assertTrue(joined.contains("uniFEA8") && joined.contains("uniFBFF"), joined.toString());
    }

    @Test
    void directionMarksStayInTheTextAndNeverMakeAPieceOfTheirOwn() {
        String date = "\u0661\u0662\u200F/\u0661\u0661\u200F/\u0662\u0660\u0662\u0665";
        Line l = line("ar", Text.plain("بتاريخ " + date + " تقريبا"));
        assertEquals("بتاريخ " + date + " تقريبا", l.pieces().stream().map(Piece::text).collect(Collectors.joining()));
        // the RLMs are strong: they end the date's number runs, as ICU means them to; but each goes
        // with the character before it, and no piece is made of a mark alone
        for (Piece p : l.pieces()) {
            assertFalse(names(p).isEmpty(), "a piece that draws nothing: «" + p.text() + "»");
        }
        assertTrue(l.pieces().stream().anyMatch(p -> p.text().equals("\u0661\u0662\u200F")), "the RLM goes with the digits before it: "
                + l.pieces().stream().map(Piece::text).toList());
    }

    @Test
    void layoutsOwnIsolatesNeverReachTheText() {
        Line l = line("ar", new Text(List.of(new Inline.Plain("اتصل على "), new Inline.Phone("800-422-6237"),
                new Inline.Plain(" أو "), new Inline.Foreign("American Cancer Society", "en"), new Inline.Plain("\u200F."))));
        String text = l.pieces().stream().map(Piece::text).collect(Collectors.joining());
        assertEquals("اتصل على 800-422-6237 أو American Cancer Society\u200F.", text);
        for (Piece p : l.pieces()) {
            assertFalse(p.text().chars().anyMatch(c -> c >= 0x2066 && c <= 0x2069), p.text());
        }
    }

    @Test
    void marksAtTheStartOrAloneStillSetAndKeepTheirText() {
        Line start = line("hi", Text.plain("\u200Dक"));
        assertEquals("\u200Dक", start.pieces().get(0).text(), "a joiner first in the text takes the run after it");
        Line alone = line("ar", Text.plain("\u200F"));
        assertEquals("\u200F", alone.pieces().stream().map(Piece::text).collect(Collectors.joining()));
        assertEquals(0, alone.width(), 0.001f);
    }

    @Test
    void theShapersInvisibleGlyphHasNoAdvanceSoTheJoinerTakesNoRoom() {
        Piece with = line("hi", Text.plain("क्\u200Cष")).pieces().get(0);
        Piece without = line("hi", Text.plain("क्")).pieces().get(0);
        float ssa = line("hi", Text.plain("ष")).pieces().get(0).advance();
        assertEquals(without.advance() + ssa, with.advance(), 0.01f);
        assertTrue(Arrays.stream(with.glyphs()).anyMatch(g -> !with.face().isGlyph(g)),
                "the JDK answers the joiner with a glyph the font lacks, which the PDF writer must leave out");
    }
}
