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
    void phoneNumberIsNeverSplitAcrossLinesWhereItFitsOne() {
        List<Inline> parts = new ArrayList<>();
        parts.add(new Inline.Plain("Call "));
        parts.add(new Inline.Phone("800 422 6237"));
        parts.add(new Inline.Plain(" any time"));
        float number = setter("en").set(new Text(List.of(new Inline.Phone("800 422 6237"))), BODY, 1000).get(0).width();
        for (float width = (float) Math.ceil(number); width < 120; width += 3) {
            List<Line> lines = setter("en").set(new Text(parts), BODY, width);
            assertTrue(lines.stream().anyMatch(l -> logical(l).contains("800 422 6237")), "number split at width " + width);
        }
    }

    @Test
    void aColumnNarrowerThanOneLetterSetsOneClusterALineAndNoEmptyLine() {
        Text text = new Text(List.of(new Inline.Plain("Tel. "), new Inline.Phone("800-42"), new Inline.Plain(" Việt")));
        List<Line> lines = setter("vi").set(text, BODY, 2);
        for (Line line : lines) {
            assertFalse(logical(line).isBlank(), "an empty line among " + lines.stream().map(TypesetterTest::logical).toList());
        }
        assertEquals("Tel. 800-42 Việt", lines.stream().map(TypesetterTest::logical).collect(Collectors.joining()));
        assertTrue(lines.stream().anyMatch(l -> logical(l).equals("ệ")), "a letter keeps its marks");
    }

    @Test
    void aPhoneNumberWiderThanItsColumnBreaksAtItsSpacesOrDashesRatherThanRunOut() {
        for (String tag : List.of("en", "ar", "de")) {
            for (String number : List.of("+1 800 422 6237 ext. 4521", "+1-800-422-6237-4521")) {
                Text text = new Text(List.of(new Inline.Plain("Tel. "), new Inline.Phone(number)));
                for (float width = 40; width < 90; width += 5) {
                    List<Line> lines = setter(tag).set(text, BODY, width);
                    for (Line line : lines) {
                        assertTrue(line.width() <= width + 0.01f, tag + ": a line of " + line.width() + " pt in a column of " + width
                                + ": " + logical(line));
                    }
                    String all = lines.stream().map(TypesetterTest::logical).collect(Collectors.joining());
                    assertEquals("Tel. " + number, all.replace("\u00AD", ""), tag + ": the number is set whole, in order");
                    for (int i = 0; i < lines.size() - 1; i++) {
                        String t = logical(lines.get(i));
                        char end = t.charAt(t.length() - 1);
                        assertTrue(end == ' ' || end == '-', tag + ": the number " + number
                                + " broke inside a group of digits at width " + width + ": «" + t + "»");
                    }
                }
            }
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

    /** Every line of {@code s} set at widths 60 to 400 ends on a boundary of {@code rules}; the lines spell {@code s}. */
    private static void assertLineEndsOnBoundaries(String tag, String s, BreakIterator rules, java.util.function.Consumer<String> eachLine) {
        rules.setText(s);
        for (float width = 60; width <= 400; width += 11) {
            List<Line> lines = setter(tag).set(Text.plain(s), BODY, width);
            int offset = 0;
            for (Line line : lines) {
                String t = logical(line);
                offset += t.length();
                assertTrue(rules.isBoundary(offset), tag + ": line ends off a BreakIterator boundary at width " + width + ": " + t);
                eachLine.accept(t);
            }
            assertEquals(s, lines.stream().map(TypesetterTest::logical).collect(Collectors.joining()));
        }
    }

    @Test
    void thaiLinesEndBetweenDictionaryWords() {
        String s = "มะเร็งนิวโรบลาสโตมาเป็นมะเร็งชนิดหนึ่ง เริ่มเกิดในเซลล์ประสาทที่ยังอ่อนวัยมากและยังพัฒนาไม่เสร็จสมบูรณ์"
                + "โรคนี้เกิดกับทารกและเด็กมะเร็งนี้มักเริ่มเกิดที่ต่อมหมวกไต";
        assertLineEndsOnBoundaries("th", s, BreakIterator.getLineInstance(new ULocale("th")), line -> {
            int first = line.codePointAt(0);
            assertFalse(Character.getType(first) == Character.NON_SPACING_MARK, "a line starts with a mark: " + line);
            assertFalse("ะาำๆ".indexOf(first) >= 0, "a line starts with a following vowel: " + line);
        });
    }

    @Test
    void khmerAndBurmeseLinesEndBetweenDictionaryWordsAndNeverInsideACluster() {
        // no spaces between words: ICU's dictionaries find the breaks; a line never starts with a
        // mark, a coeng (្) or a subscript's second half, nor with Burmese asat or medials
        String km = "ណឺរ៉ូប្លាស្តូម៉ាគឺជាជំងឺមហារីកម្យ៉ាងប្រភេទ។ វាចាប់ផ្តើមនៅក្នុងកោសិកាសរសៃប្រសាទដែលនៅខ្ចីណាស់ ហើយមិនទាន់លូតលាស់ពេញលេញនៅឡើយ។"
                + "វាកើតលើទារក និងកុមារ។";
        assertLineEndsOnBoundaries("km", km, BreakIterator.getLineInstance(new ULocale("km")), line -> {
            int first = line.codePointAt(0);
            assertFalse(Character.getType(first) == Character.NON_SPACING_MARK || Character.getType(first) == Character.COMBINING_SPACING_MARK
                    || first == 0x17D2, "a Khmer line starts inside a cluster: " + line);
        });
        // the repetition mark ៗ stays with its word, where ICU would break before it (the staging leaflet's «តូចៗ»)
        String small = "កូនកណ្តុរ គឺជាក្រពេញតូចៗដែលជួយរាងកាយប្រយុទ្ធនឹងការឆ្លងមេរោគ។";
        for (float width = 40; width <= 300; width += 3) {
            for (Line line : setter("km").set(Text.plain(small), BODY, width)) {
                assertFalse(logical(line).startsWith("ៗ"), "a line starts with ៗ at width " + width);
            }
        }
        String my = "၎င်းသည် နို့စို့ကလေးငယ်များနှင့် ကလေးများတွင် ဖြစ်ပွားပါသည်။ နျူရိုဘလတ်စတိုးမားသည် ကင်ဆာအမျိုးအစားတစ်ခုဖြစ်ပြီး "
                + "အလွန်နုနယ်သေးသော အာရုံကြောဆဲလ်များတွင် စတင်ဖြစ်ပွားပါသည်။";
        assertLineEndsOnBoundaries("my", my, BreakIterator.getLineInstance(new ULocale("my")), line -> {
            int first = line.codePointAt(0);
            assertFalse(Character.getType(first) == Character.NON_SPACING_MARK || Character.getType(first) == Character.COMBINING_SPACING_MARK
                    || first == 0x103A || first == 0x1039, "a Burmese line starts inside a syllable: " + line);
        });
    }

    @Test
    void anUrduLabelAndItsPhoneNumberAreAFullSpaceApart() {
        // Noto Nastaliq Urdu's space is 0.13 em: right between Urdu words, no space at all beside a number
        Text t = new Text(List.of(new Inline.Strong("فون"), new Inline.Plain(" "), new Inline.Phone("847-434-4000")));
        Line line = setter("ur").set(t, BODY, 400).get(0);
        Piece space = line.pieces().stream().filter(p -> p.text().equals(" ")).findFirst().orElseThrow();
        assertTrue(space.advance() >= 0.2f * BODY.size(), "the space is " + space.advance() / BODY.size() + " em");
        // between two Urdu words the font's own space stays
        Line words = setter("ur").set(Text.plain("فون نمبر"), BODY, 400).get(0);
        assertEquals(1, words.pieces().size(), "one run, in Nastaliq: " + words.pieces().stream().map(Piece::text).toList());
    }

    @Test
    void noUrduLineIsWiderAsDrawnThanItsMeasure() {
        // shaped on its own, a Nastaliq line can come out wider than the advances of the paragraph shaped whole
        String s = "سب سے پہلے ڈاکٹر آپ کے بچے کی علامات کے بارے میں پوچھیں گے اور بچے کا معائنہ کریں گے۔ پھر ڈاکٹر کچھ ٹیسٹ کروانے کے لیے کہہ سکتے ہیں۔ ہو سکتا ہے آپ کے بچے کو اس کتابچے میں دیے گئے ہر ٹیسٹ کی ضرورت نہ ہو۔";
        for (float width = 200; width <= 480; width += 7) {
            for (Line line : setter("ur").set(Text.plain(s), BODY, width)) {
                assertTrue(line.width() <= width + 0.01f, "a line " + line.width() + " pt wide in a measure of " + width);
            }
        }
    }

    @Test
    void laoLinesEndBetweenDictionaryWords() {
        // ICU's Lao dictionary finds the words of a sentence written without spaces between them
        String lo = "ໂຣກມະເຮັງນີ້ມັກເກີດຂຶ້ນກັບເດັກນ້ອຍແລະເດັກອ່ອນ ມັນເລີ່ມຕົ້ນໃນຈຸລັງປະສາດທີ່ຍັງອ່ອນຫຼາຍ";
        assertLineEndsOnBoundaries("lo", lo, BreakIterator.getLineInstance(new ULocale("lo")), line -> {
            int first = line.codePointAt(0);
            assertFalse(Character.getType(first) == Character.NON_SPACING_MARK, "a Lao line starts with a mark: " + line);
        });
    }

    @Test
    void japaneseLinesNeverStartWithSmallKanaOrClosingPunctuationNorEndWithAnOpeningBracket() {
        String s = "これらの兆候の中には、腫瘍が血液中に出すホルモンによって起こるものがあります。ちょっとした検査（エックス線写真）で"
                + "「しこり」が見つかることもあります。シャッターチャンスのようにジョギング中にキャッチボールをしましょう。";
        assertLineEndsOnBoundaries("ja", s, BreakIterator.getLineInstance(new ULocale("ja@lb=strict")), line -> {
            assertFalse("ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶー」）、。・".indexOf(line.charAt(0)) >= 0, "a line starts with «" + line.charAt(0) + "»: " + line);
            assertFalse("「（".indexOf(line.charAt(line.length() - 1)) >= 0, "a line ends with an opening bracket: " + line);
        });
    }

    @Test
    void koreanBreaksBetweenWordsNeverInsideOne() {
        String s = "종양이 자라면서 암세포가 몸의 다른 부위로 옮겨 갈 수 있습니다. 대부분의 아이에게서 종양은 치료를 받을 때까지 계속 자랍니다. "
                + "드물게, 주로 아기에게서, 종양이 저절로 작아지기도 합니다.";
        for (float width = 60; width <= 400; width += 7) {
            List<Line> lines = setter("ko").set(Text.plain(s), BODY, width);
            for (int i = 0; i < lines.size() - 1; i++) {
                String t = logical(lines.get(i));
                assertTrue(t.endsWith(" "), "a Korean line ends inside a word at width " + width + ": " + t);
            }
        }
    }

    @Test
    void hebrewLineReadsRightToLeftWithItsNumberStageAndEnglishNameInPlace() {
        Text text = new Text(List.of(new Inline.Plain("בשלב 4S, התקשרו ל-"), new Inline.Phone("1-800-422-6237"),
                new Inline.Plain(" או לארגון "), new Inline.Foreign("American Cancer Society", "en"), new Inline.Plain(" היום.")));
        List<Line> lines = setter("he").set(text, BODY, 500);
        assertEquals(1, lines.size());
        Line line = lines.get(0);
        assertEquals("בשלב 4S, התקשרו ל-1-800-422-6237 או לארגון American Cancer Society היום.", logical(line),
                "a reader gets the sentence back in logical order");
        Piece opening = line.pieces().stream().filter(p -> p.text().startsWith("בשלב")).findFirst().orElseThrow();
        Piece phone = line.pieces().stream().filter(p -> p.text().contains("800")).findFirst().orElseThrow();
        Piece name = line.pieces().stream().filter(p -> p.text().contains("American")).findFirst().orElseThrow();
        Piece closing = line.pieces().stream().filter(p -> p.text().contains("היום")).findFirst().orElseThrow();
        assertTrue(opening.x() > phone.x() && phone.x() > name.x() && name.x() > closing.x(),
                "right to left: the opening words, then the number, then the name, then the closing word");
        assertFalse(phone.rightToLeft());
        assertFalse(name.rightToLeft());
        assertEquals("en", name.lang());
        for (int i = 1; i < phone.dx().length; i++) {
            assertTrue(phone.dx()[i] > phone.dx()[i - 1], "the digits of the number run left to right");
        }
        // "4S" keeps its order inside the Hebrew run: 4 stands left of S
        Piece stage = line.pieces().stream().filter(p -> p.text().contains("4S")).findFirst().orElseThrow();
        int four = glyph("en", '4');
        int s = glyph("en", 'S');
        int at4 = -1;
        int atS = -1;
        for (int i = 0; i < stage.glyphs().length; i++) {
            at4 = stage.glyphs()[i] == four ? i : at4;
            atS = stage.glyphs()[i] == s ? i : atS;
        }
        assertTrue(at4 >= 0 && atS >= 0 && stage.dx()[at4] < stage.dx()[atS], "4S must read 4S, not S4");
    }

    @Test
    void thaiToneMarkStandsAboveTheUpperVowelNotOnIt() {
        for (String syllable : List.of("ที่", "นี้", "หนึ่ง", "เมื่อ")) {
            Piece p = setter("th").set(Text.plain(syllable), BODY, 400).get(0).pieces().get(0);
            java.awt.Font font = p.face().font();
            java.awt.geom.Rectangle2D vowel = null;
            java.awt.geom.Rectangle2D tone = null;
            for (int g = 0; g < p.glyphs().length; g++) {
                java.awt.font.GlyphVector gv = font.createGlyphVector(Face.FRC, new int[] {p.glyphs()[g]});
                java.awt.geom.Rectangle2D b = gv.getVisualBounds();
                // to points, placed where the line puts the glyph (y up)
                float k = BODY.size() / Face.UNITS;
                java.awt.geom.Rectangle2D placed = new java.awt.geom.Rectangle2D.Float((float) b.getX() * k + p.dx()[g],
                        (float) -b.getMaxY() * k + p.dy()[g], (float) b.getWidth() * k, (float) b.getHeight() * k);
                if (b.getHeight() > 0 && -b.getMaxY() > 600) {
                    // entirely above the x-height: an upper vowel or a tone mark, in logical order
                    if (vowel == null) {
                        vowel = placed;
                    } else {
                        tone = placed;
                    }
                }
            }
            assertTrue(vowel != null && tone != null, syllable + ": expected an upper vowel and a tone mark above the line");
            assertTrue(tone.getMinY() >= vowel.getMaxY() - 0.35f, syllable + ": the tone mark collides with the vowel: " + vowel + " / " + tone);
        }
    }

    @Test
    void germanCompoundsAreHyphenatedAtPatternPointsWithASoftHyphenInTheText() {
        String s = "Bei der Knochenmarkuntersuchung und der Ultraschalluntersuchung sucht das Behandlungsteam nach Krebszellen.";
        Hyphenator h = Hyphenator.forLocale(ULocale.GERMAN).orElseThrow();
        boolean hyphenated = false;
        for (float width = 70; width <= 300; width += 5) {
            List<Line> lines = setter("de").set(Text.plain(s), BODY, width);
            StringBuilder all = new StringBuilder();
            for (Line line : lines) {
                assertTrue(line.width() <= width + 0.01f, "line wider than the measure at " + width);
                Piece last = line.pieces().get(line.pieces().size() - 1);
                if (last.text().equals("\u00AD")) {
                    hyphenated = true;
                    assertEquals(glyph("de", '-'), last.glyphs()[0], "the hyphen is drawn as a hyphen");
                    String before = logical(line).replace("\u00AD", "");
                    String word = before.substring(before.lastIndexOf(' ') + 1);
                    assertTrue(word.length() >= Hyphenator.LEFT_MIN, "too few letters before the hyphen: " + word);
                }
                all.append(logical(line));
            }
            assertEquals(s, all.toString().replace("\u00AD", ""), "the text reads back whole at width " + width);
        }
        assertTrue(hyphenated, "no line was hyphenated");
        assertEquals("Kno-chen-mark-un-ter-su-chung", hyphenate(h, "Knochenmarkuntersuchung"));
        assertEquals("Behand-lungs-team", hyphenate(h, "Behandlungsteam"));
        assertEquals(0, h.points("Kinder").length, "a short word is never hyphenated");
    }

    private static String hyphenate(Hyphenator h, String word) {
        StringBuilder b = new StringBuilder(word);
        int[] points = h.points(word);
        for (int i = points.length - 1; i >= 0; i--) {
            b.insert(points[i], '-');
        }
        return b.toString();
    }

    @Test
    void aLineBrokenAtASoftHyphenTheWriterPutInShowsItsHyphenAndTheTextHasOneSoftHyphen() {
        // Spanish has no patterns: a translator may mark where a long word can break
        String s = "Hay unas palabras antes de la palabra larga: quimio\u00ADterapia intra\u00ADtecal y radio\u00ADterapia en dosis bajas.";
        boolean broken = false;
        for (float width = 90; width <= 300; width += 3) {
            List<Line> lines = setter("es").set(Text.plain(s), BODY, width);
            for (Line line : lines) {
                String text = logical(line);
                Piece last = line.pieces().get(line.pieces().size() - 1);
                if (text.endsWith("\u00AD")) {
                    broken = true;
                    assertEquals("\u00AD", last.text(), "the line ends in the drawn hyphen, whose text is the soft hyphen: " + text);
                    assertEquals(glyph("es", '-'), last.glyphs()[0], "a hyphen is drawn where the word breaks");
                    assertTrue(!text.substring(0, text.length() - 1).endsWith("\u00AD"), "one soft hyphen, not two: " + text);
                }
            }
            assertEquals(s, lines.stream().map(TypesetterTest::logical).collect(Collectors.joining()), "the text reads back as written at " + width);
        }
        assertTrue(broken, "no line broke at a soft hyphen");
    }

    @Test
    void languagesWithoutPatternsAreNeverHyphenated() {
        String s = "Neuroblastoma is a cancer that starts in immature nerve cells; chemotherapy and radiotherapy are treatments.";
        for (float width = 60; width <= 300; width += 5) {
            for (Line line : setter("en").set(Text.plain(s), BODY, width)) {
                assertTrue(line.pieces().stream().noneMatch(p -> p.text().equals("\u00AD")), "English was hyphenated at " + width);
            }
        }
    }

    @Test
    void justifiedLinesFillTheMeasureInEveryScriptExceptTheLastLine() {
        java.util.Map<String, String> texts = java.util.Map.of(
                "en", "Neuroblastoma is a cancer that starts in nerve cells that are still very young. It mostly affects babies and young children. As the tumour grows, cancer cells can travel to other parts of the body.",
                "ar", "الورم الأرومي العصبي نوع من السرطان يبدأ في خلايا عصبية ما زالت في بداية تكوّنها ولم يكتمل نموها بعد. يصيب الرضع والأطفال. عندما يكبر الورم، قد تنتقل الخلايا السرطانية إلى أجزاء أخرى من الجسم.",
                "ja", "神経芽腫は、まだとても若く、発達しきっていない神経細胞から始まるがんです。主に赤ちゃんや幼い子どもがかかります。腫瘍が大きくなると、がん細胞が体のほかの場所に広がることがあります。",
                "th", "มะเร็งนิวโรบลาสโตมาเป็นมะเร็งชนิดหนึ่ง เริ่มเกิดในเซลล์ประสาทที่ยังอ่อนวัยมากและยังพัฒนาไม่เสร็จสมบูรณ์ โรคนี้เกิดกับทารกและเด็ก มะเร็งนี้มักเริ่มเกิดที่ต่อมหมวกไต ทุกคนมีต่อมหมวกไตอยู่บนไตข้างละหนึ่งต่อม");
        for (var e : texts.entrySet()) {
            float width = 300;
            List<Line> lines = setter(e.getKey()).set(Text.plain(e.getValue()), BODY, width, Align.JUSTIFY);
            assertTrue(lines.size() >= 3, e.getKey());
            for (int i = 0; i < lines.size() - 1; i++) {
                assertEquals(width, lines.get(i).width(), 0.05, e.getKey() + ": line " + i + " is not justified");
                for (Piece p : lines.get(i).pieces()) {
                    assertTrue(p.x() >= -0.01 && p.x() + p.advance() <= width + 0.05, e.getKey() + ": a piece leaves the measure");
                }
            }
            assertTrue(lines.get(lines.size() - 1).width() < width, e.getKey() + ": the last line stays ragged");
            assertEquals(e.getValue(), lines.stream().map(TypesetterTest::logical).collect(Collectors.joining()).replace("\u00AD", ""));
        }
    }

    private static boolean anyHyphen(List<Line> lines) {
        return lines.stream().flatMap(l -> l.pieces().stream()).anyMatch(p -> p.text().equals("\u00AD"));
    }

    @Test
    void germanHyphenatesNeitherTheLastWordNorBoldLabelsNorLinesThatAreFullAlready() {
        // a word wider than the line must break, and may take a hyphen: these widths leave room for it
        float lastWord = setter("de").set(Text.plain("ausgebreitet"), BODY, 1000).get(0).width();
        float boldWord = setter("de").set(Text.strong("Knochenmarkuntersuchung"), BODY, 1000).get(0).width();
        for (float width = 60; width <= 300; width += 3) {
            // the last word would leave a fragment alone on the last line
            List<Line> lines = setter("de").set(Text.plain("Der Tumor hat sich ausgebreitet"), BODY, width);
            if (lines.size() > 1 && width >= lastWord) {
                String lastLine = logical(lines.get(lines.size() - 1));
                assertFalse(logical(lines.get(lines.size() - 2)).endsWith("\u00AD") && !lastLine.contains(" "),
                        "the last word was hyphenated at width " + width);
            }
            if (width >= boldWord) {
                assertFalse(anyHyphen(setter("de").set(Text.strong("Sonderform (Stadium 4S) Knochenmarkuntersuchung"), BODY, width)),
                        "a bold label was hyphenated at width " + width);
            }
        }
        // every line of the plain setting is well filled: no hyphen is needed
        String s = "Es betrifft Babys und Kinder. Ärztinnen und Ärzte teilen das Neuroblastom in Stadien ein.";
        assertFalse(anyHyphen(setter("de").set(Text.plain(s), BODY, 480)), "a paragraph that fits well was hyphenated");
    }

    @Test
    void aSymbolNoTextFaceHasComesFromTheSymbolFaceAtTheEndOfTheChain() {
        for (String tag : List.of("ar", "th", "ja", "en")) {
            Line line = setter(tag).set(Text.plain("\u260E 800"), BODY, 300).get(0);
            Piece phone = line.pieces().stream().filter(p -> p.text().contains("\u260E")).findFirst().orElseThrow();
            List<Face> chain = fonts.chain(tag).regular();
            assertEquals(chain.get(chain.size() - 1), phone.face(), tag + ": ☎ should be set in the symbol face");
            assertTrue(phone.glyphs()[0] != 0, tag + ": ☎ drawn as .notdef");
        }
    }

    @Test
    void theSymbolFaceDoesNotOpenUpEveryLine() {
        for (String tag : List.of("en", "zh-Hans", "ar")) {
            FontChain chain = fonts.chain(tag);
            Face symbols = chain.regular().get(chain.regular().size() - 1);
            assertTrue(chain.fallback().contains(symbols), tag + ": the symbol face should be a fallback");
            float ascent = 0;
            float descent = 0;
            for (Face f : chain.regular().subList(0, chain.regular().size() - 1)) {
                ascent = Math.max(ascent, f.ascent() * BODY.size() / Face.UNITS);
                descent = Math.max(descent, f.descent() * BODY.size() / Face.UNITS);
            }
            float[] m = setter(tag).metrics(BODY);
            assertEquals(ascent, m[0], 0.001, tag + ": line ascent comes from the text faces only");
            assertEquals(descent, m[1], 0.001, tag);
        }
    }
}
