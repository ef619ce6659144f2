package org.handout.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.handout.doc.Inline;
import org.handout.doc.Text;
import org.handout.report.Problems;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for setting text in every script: Arabic line order with numbers, Devanagari
 * shaping, line breaking at ICU boundaries and within the measure.
 */
class TypesetterTest {
    static FontBook fonts;
    static final TextStyle BODY = new TextStyle(10.5f, false, 0);

    @BeforeAll
    static void loadFonts() {
        Problems p = new Problems();
        fonts = FontBook.load(Path.of("fonts"), "fonts", p).orElseThrow(() -> new AssertionError(p.sorted()));
    }

    private static Typesetter setter(String tag) {
        ULocale l = ULocale.forLanguageTag(tag);
        return new Typesetter(fonts.chain(tag), l, l.isRightToLeft());
    }

    private static String logical(Line line) {
        return line.pieces().stream().map(Piece::text).collect(Collectors.joining());
    }

    private static int glyph(String tag, char c) {
        Face f = fonts.chain(tag).regular().get(0);
        return f.font().createGlyphVector(Face.FRC, new char[] {c}).getGlyphCode(0);
    }

    @Test
    void arabicLineReadsRightToLeftWithThePhoneNumberLeftToRightInPlace() {
        Text text = new Text(List.of(new Inline.Plain("اتصل على الرقم "), new Inline.Phone("800-422-6237"),
                new Inline.Plain(" للمساعدة")));
        List<Line> lines = setter("ar").set(text, BODY, 400);
        assertEquals(1, lines.size());
        Line line = lines.get(0);
        // pieces come back in logical order, so a reader gets the sentence as written
        assertEquals("اتصل على الرقم 800-422-6237 للمساعدة", logical(line));
        Piece before = line.pieces().stream().filter(p -> p.text().startsWith("اتصل")).findFirst().orElseThrow();
        Piece phone = line.pieces().stream().filter(p -> p.text().contains("800")).findFirst().orElseThrow();
        Piece after = line.pieces().stream().filter(p -> p.text().contains("للمساعدة")).findFirst().orElseThrow();
        // right to left on the page: first words rightmost, the number between, the last word leftmost
        assertTrue(before.x() > phone.x(), "the opening words must be right of the number");
        assertTrue(phone.x() > after.x(), "the number must be right of the closing word");
        assertTrue(before.rightToLeft());
        assertFalse(phone.rightToLeft(), "a phone number runs left to right");
        assertEquals("800-422-6237", phone.text());
        for (int i = 1; i < phone.dx().length; i++) {
            assertTrue(phone.dx()[i] > phone.dx()[i - 1], "digits must advance left to right");
        }
    }

    @Test
    void englishNameInsideArabicKeepsItsParenthesesAroundTheAbbreviation() {
        Text text = new Text(List.of(new Inline.Plain("منظمة "), new Inline.Foreign("American Cancer Society (ACS)", "en"),
                new Inline.Plain(" في أمريكا")));
        Line line = setter("ar").set(text, BODY, 500).get(0);
        Piece name = line.pieces().stream().filter(p -> p.text().contains("American")).findFirst().orElseThrow();
        assertFalse(name.rightToLeft());
        assertEquals("en", name.lang());
        assertEquals("American Cancer Society (ACS)", name.text());
    }

    @Test
    void devanagariVowelSignIShowsBeforeItsConsonant() {
        Line line = setter("hi").set(Text.plain("कि"), BODY, 400).get(0);
        Piece p = line.pieces().get(0);
        assertEquals(2, p.glyphs().length);
        int ka = glyph("hi", 'क');
        assertEquals(ka, p.glyphs()[1], "the consonant is drawn second");
        assertTrue(p.glyphs()[0] != ka && p.dx()[0] < p.dx()[1], "the sign ि is drawn first, to the left");
    }

    @Test
    void devanagariConjunctsFormWithoutAVisibleHalant() {
        int halant = glyph("hi", '\u094D');
        for (String word : List.of("क्ष", "न्यूरोब्लास्टोमा", "प्रश्न", "स्वास्थ्य")) {
            Piece p = setter("hi").set(Text.plain(word), BODY, 400).get(0).pieces().get(0);
            assertTrue(Arrays.stream(p.glyphs()).noneMatch(g -> g == halant), word + " shows a halant glyph");
            assertTrue(p.glyphs().length < word.length(), word + " was not shaped into conjuncts");
        }
    }

    @Test
    void arabicLettersJoinIntoContextualForms() {
        Piece p = setter("ar").set(Text.plain("بيب"), BODY, 400).get(0).pieces().get(0);
        int isolatedBeh = glyph("ar", 'ب');
        assertTrue(Arrays.stream(p.glyphs()).noneMatch(g -> g == isolatedBeh), "beh must take its initial and final forms");
    }

    @Test
    void linesStayWithinTheMeasureAndEndOnIcuLineBoundaries() {
        String s = "神经母细胞瘤是一种癌症。它起源于仍然非常幼稚、尚未发育完成的神经细胞。它主要影响婴儿和幼儿，在年龄较大的儿童和成人中非常少见。";
        List<Line> lines = setter("zh-Hans").set(Text.plain(s), BODY, 120);
        assertTrue(lines.size() > 3);
        BreakIterator bi = BreakIterator.getLineInstance(ULocale.forLanguageTag("zh-Hans"));
        bi.setText(s);
        int offset = 0;
        for (Line line : lines) {
            assertTrue(line.width() <= 120.01f, "line wider than the measure: " + line.width());
            String t = logical(line);
            assertFalse(t.startsWith("，") || t.startsWith("。") || t.startsWith("、"), "line starts with closing punctuation: " + t);
            offset += t.length();
            assertTrue(bi.isBoundary(offset), "line ends off an ICU boundary at " + offset + ": " + t);
        }
        assertEquals(s, lines.stream().map(TypesetterTest::logical).collect(Collectors.joining()));
    }

    @Test
    void phoneNumberIsNeverSplitAcrossLines() {
        List<Inline> parts = new ArrayList<>();
        parts.add(new Inline.Plain("Call "));
        parts.add(new Inline.Phone("800 422 6237"));
        parts.add(new Inline.Plain(" any time"));
        for (float width = 30; width < 120; width += 3) {
            List<Line> lines = setter("en").set(new Text(parts), BODY, width);
            assertTrue(lines.stream().anyMatch(l -> logical(l).contains("800 422 6237")), "number split at width " + width);
        }
    }

    @Test
    void noLineEndsAfterAHyphenThatLeavesAFragmentOfOneOrTwoLetters() {
        String s = "It may be found by chance, for example on an X-ray taken for another reason, une au-dessus de chaque rein.";
        for (float width = 60; width < 400; width += 2) {
            for (Line line : setter("en").set(Text.plain(s), BODY, width)) {
                String t = logical(line).strip();
                assertFalse(t.endsWith("X-") || t.endsWith("au-"), "broke after a short fragment at width " + width + ": " + t);
            }
        }
    }

    @Test
    void lastLineIsNotARunt() {
        String s = "其中一些表现来自肿瘤释放到血液中的激素。这些激素可能引起高血压、心跳快、皮肤发红（潮红）和出汗。";
        for (float width = 100; width < 400; width += 7) {
            List<Line> lines = setter("zh-Hans").set(Text.plain(s), BODY, width);
            String last = logical(lines.get(lines.size() - 1)).strip();
            long letters = last.codePoints().filter(Character::isLetterOrDigit).count();
            assertTrue(lines.size() == 1 || letters >= 2, "a single character «" + last + "» ends the paragraph at width " + width);
        }
    }

    @Test
    void aNumberStaysWithTheWordAfterIt() {
        String s = "Babies younger than 12 months are usually diagnosed at this stage, and 4S is the code.";
        for (float width = 60; width < 300; width += 3) {
            for (Line line : setter("en").set(Text.plain(s), BODY, width)) {
                String t = logical(line).strip();
                assertFalse(t.endsWith(" 12") || t.equals("12"), "12 left at a line end at width " + width + ": " + t);
            }
        }
    }
}
