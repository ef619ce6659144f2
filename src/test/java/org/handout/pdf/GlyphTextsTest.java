package org.handout.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.util.ULocale;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.handout.doc.Block;
import org.handout.doc.Footer;
import org.handout.doc.Leaflet;
import org.handout.doc.Text;
import org.handout.layout.FontBook;
import org.handout.layout.Item;
import org.handout.layout.Layouter;
import org.handout.report.Problems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The text each glyph of a shaped run stands for: read in drawing order (and, right to left,
 * reversed), the pieces spell the run's text exactly; no glyph with width carries a nonspacing
 * mark (pdf.js would take it for a mark); a cluster with more glyphs with width than characters is
 * carried whole.
 */
class GlyphTextsTest {
    private static List<Item.Glyphs> runs(String lang, String sample) {
        Problems p = new Problems();
        FontBook fonts = FontBook.load(Path.of("fonts"), "fonts", p).orElseThrow(() -> new AssertionError(p.sorted()));
        Footer footer = new Footer(List.of(), Optional.empty(), (page, pages) -> "");
        Leaflet leaflet = new Leaflet("t", lang, ULocale.forLanguageTag(lang).isRightToLeft(), "t",
                List.of(new Block.Paragraph(Text.plain(sample))), footer, LocalDate.of(2026, 11, 25), "t");
        List<Item.Glyphs> out = new ArrayList<>();
        for (Item item : new Layouter(fonts.chain(lang), ULocale.forLanguageTag(lang)).layout(leaflet).pages().get(0).items()) {
            if (item instanceof Item.Glyphs g && !g.artifact()) {
                out.add(g);
            }
        }
        return out;
    }

    private static GlyphTexts.Piece[] pieces(Item.Glyphs g) {
        return GlyphTexts.of(g, glyph -> g.face().characters(glyph), ULocale.forLanguageTag(g.lang() == null ? "en" : g.lang()).isRightToLeft());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "en, AVAVA office fjord",
        "hi, न्यूरोब्लास्टोमा कि क्षति मुख्य",
        "bn, নিউরোব্লাস্টোমা পৌঁছায় কোষে",
        "th, มะเร็งนิวโรบลาสโตมา น้ำหนัก เบื้อง",
        "vi, Việt Nam ộ ữ ặ",
        "ar, الورم الأرومي العصبي (نيوروبلاستوما) محلّ",
        "he, נוירובלסטומה: מידע כללי, גיל 10.",
    })
    void readInDrawingOrderThePiecesSpellTheRunAndMarksNeverRideOnAGlyphWithWidth(String lang, String sample) {
        for (Item.Glyphs g : runs(lang, sample)) {
            GlyphTexts.Piece[] pieces = pieces(g);
            boolean rtl = GlyphTexts.rightToLeft(g, ULocale.forLanguageTag(lang).isRightToLeft());
            StringBuilder drawn = new StringBuilder();
            for (int i = 0; i < pieces.length; i++) {
                GlyphTexts.Piece p = pieces[i];
                for (String s : new String[] {p.before(), p.own(), p.after()}) {
                    if (s != null) {
                        drawn.append(s);
                    }
                }
                if (p.own() != null && g.face().pdfAdvance(g.glyphs()[i]) != 0 && p.through() < 0) {
                    assertTrue(p.own().codePoints().noneMatch(cp -> UCharacter.getType(cp) == UCharacter.NON_SPACING_MARK),
                            "«" + p.own() + "» on a glyph with width in «" + g.text() + "»");
                }
            }
            String read = rtl ? new StringBuilder(drawn).reverse().toString() : drawn.toString();
            String want = g.text().replaceAll("[\\u200B-\\u200F\\u2066-\\u2069]", "");
            assertEquals(want.strip(), read.replaceAll("[\\u200B-\\u200F\\u2066-\\u2069]", "").strip(), lang + ": the pieces of «" + g.text() + "»");
        }
    }

    @Test
    void aBengaliVowelDrawnInTwoPartsIsCarriedWholeWithItsConsonant() {
        boolean carried = false;
        for (Item.Glyphs g : runs("bn", "কো")) {
            for (GlyphTexts.Piece p : pieces(g)) {
                if (p.through() >= 0) {
                    assertEquals("কো", p.own());
                    carried = true;
                }
            }
        }
        assertTrue(carried, "one empty glyph as wide as the three parts carries কো");
    }

    @Test
    void theHalfFormOfAConjunctGivesItsViramaToAnEmptyGlyph() {
        for (Item.Glyphs g : runs("hi", "मुख्य")) {
            GlyphTexts.Piece[] pieces = pieces(g);
            assertTrue(java.util.Arrays.stream(pieces).anyMatch(p -> "ख".equals(p.own()) && p.after() != null && p.after().startsWith("\u094D")),
                    java.util.Arrays.toString(pieces));
            assertFalse(java.util.Arrays.stream(pieces).anyMatch(p -> p.own() != null && p.own().contains("\u094D") && p.own().length() > 1
                    && !UCharacter.isUWhiteSpace(p.own().codePointAt(0)) && p.through() < 0 && UCharacter.getType(p.own().codePointAt(0)) != UCharacter.NON_SPACING_MARK),
                    "no glyph with width carries the virama");
        }
    }
}
