package org.handout.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.handout.report.Problem;
import org.handout.report.Problems;
import org.junit.jupiter.api.Test;

/**
 * The characters no leaflet may print, one rule at a time, and the ones text needs (marks,
 * joiners in the scripts that use them, spaceless breaks in spaceless languages), which must pass.
 */
class TextSafetyTest {

    /** The one finding for the single refused character in {@code text}, of the expected kind. */
    private static TextSafety.Finding refused(String text, String lang, TextSafety.Kind kind) {
        List<TextSafety.Finding> f = TextSafety.check(text, lang);
        assertEquals(1, f.size(), () -> TextSafety.shown(text) + " in " + lang + ": " + f);
        assertEquals(kind, f.get(0).kind(), f.get(0).message());
        return f.get(0);
    }

    private static void allowed(String text, String lang) {
        assertEquals(List.of(), TextSafety.check(text, lang), TextSafety.shown(text) + " in " + lang);
    }

    @Test
    void rightToLeftOverrideIsRefusedBecauseTheWordsWouldPrintReversed() {
        TextSafety.Finding f = refused("Oft beginnt es \u202Ein den Nebennieren.", "de", TextSafety.Kind.BIDI_CONTROL);
        assertEquals(15, f.index());
        assertEquals(0x202E, f.codePoint());
        assertEquals("U+202E RIGHT-TO-LEFT OVERRIDE, a bidi control that reorders the text around it: the words would print reversed",
                f.message());
        assertTrue(f.hint().startsWith("delete it; handout sets the direction of every run itself"), f.hint());
    }

    @Test
    void everyEmbeddingOverrideAndIsolateControlIsRefused() {
        for (int cp : new int[] {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}) {
            TextSafety.Finding f = refused("ab" + Character.toString(cp) + "cd", "en", TextSafety.Kind.BIDI_CONTROL);
            assertEquals(2, f.index());
        }
        // named one by one, as the issue lists them
        assertTrue(refused("x\u202Ay", "ar", TextSafety.Kind.BIDI_CONTROL).message().startsWith("U+202A LEFT-TO-RIGHT EMBEDDING"));
        assertTrue(refused("x\u2067y", "he", TextSafety.Kind.BIDI_CONTROL).message().startsWith("U+2067 RIGHT-TO-LEFT ISOLATE"));
        assertTrue(refused("x\u202Cy", "ar", TextSafety.Kind.BIDI_CONTROL).message().startsWith("U+202C POP DIRECTIONAL FORMATTING"));
        assertTrue(refused("x\u2069y", "ar", TextSafety.Kind.BIDI_CONTROL).message().startsWith("U+2069 POP DIRECTIONAL ISOLATE"));
    }

    @Test
    void tabNewlineNulAndC1ControlsAreRefused() {
        assertEquals("U+0009 (a tab), a control character: it prints as nothing or as a box",
                refused("a\tb", "en", TextSafety.Kind.CONTROL).message());
        assertTrue(refused("one\ntwo", "en", TextSafety.Kind.CONTROL).message().startsWith("U+000A (a line feed), a line break"));
        assertTrue(refused("a\u0000b", "en", TextSafety.Kind.CONTROL).message().startsWith("U+0000 (NUL)"));
        assertEquals(0x7F, refused("a\u007Fb", "en", TextSafety.Kind.CONTROL).codePoint());
        for (int cp = 0x80; cp <= 0x9F; cp++) {
            refused("a" + (char) cp + "b", "fr", TextSafety.Kind.CONTROL);
        }
        for (int cp = 0; cp < 0x20; cp++) {
            refused("a" + (char) cp + "b", "fr", TextSafety.Kind.CONTROL);
        }
    }

    @Test
    void directionMarksPassForIcuPutsThemInArabicAndHebrewDatesAndNumbers() {
        allowed("25\u200F/11\u200F/2025", "ar");
        allowed("\u061C-\u0661\u066C\u0662\u0663\u0664", "ar");
        allowed("\u200E-1,234.5", "he");
        allowed("Hello\u200E world\u200F", "en");
    }

    @Test
    void joinersPassInHindiAndPersianWords() {
        allowed("क्\u200Dष", "hi");   // ZWJ after the virama: the half form of क
        allowed("क्\u200Cष", "hi");   // ZWNJ: the explicit virama
        allowed("می\u200Cخواهم", "fa");
        allowed("ක්\u200Dය", "si");    // Sinhala yansaya
        allowed("می\u200Cخواهم", "en"); // judged by the letters, not by the language around them
    }

    @Test
    void joinersAreRefusedInGerman() {
        TextSafety.Finding f = refused("Auf\u200Clage", "de", TextSafety.Kind.JOINER);
        assertTrue(f.message().startsWith("U+200C ZERO WIDTH NON-JOINER, which only scripts that join"), f.message());
        assertTrue(f.message().contains("between Latin letters"), f.message());
        refused("Auf\u200Dlage", "de", TextSafety.Kind.JOINER);
        // a Latin word in a Hindi text, and a joiner between spaces, are refused too
        refused("PET\u200Cscan", "hi", TextSafety.Kind.JOINER);
        refused("ग \u200C ग", "hi", TextSafety.Kind.JOINER);
    }

    @Test
    void zeroWidthJoinerPassesInsideAnEmojiSequence() {
        allowed("👨\u200D👩\u200D👧", "en");
    }

    @Test
    void zeroWidthSpacePassesInThaiAndJapaneseAndIsRefusedInGerman() {
        allowed("ภาษา\u200Bไทย", "th");
        allowed("日本\u200B語", "ja");
        allowed("神经\u200B母细胞瘤", "zh-Hans");
        allowed("English text with a Thai word ภาษา\u200Bไทย", "en");
        TextSafety.Finding f = refused("Neben\u200Bniere", "de", TextSafety.Kind.ZERO_WIDTH_SPACE);
        assertTrue(f.message().contains("German separates its words with spaces"), f.message());
        refused("한국\u200B어", "ko", TextSafety.Kind.ZERO_WIDTH_SPACE);
    }

    @Test
    void invisibleCharactersThatHideTextAreRefused() {
        refused("Neuro\uFEFFblastom", "de", TextSafety.Kind.INVISIBLE);
        refused("one\u2028two", "en", TextSafety.Kind.INVISIBLE);
        refused("one\u2029two", "en", TextSafety.Kind.INVISIBLE);
        refused("\u6F22\uFFF9\u304B\u3093", "ja", TextSafety.Kind.INVISIBLE); // an interlinear annotation anchor
        refused("a" + Character.toString(0xE0001) + "b", "en", TextSafety.Kind.INVISIBLE); // deprecated LANGUAGE TAG
        refused("a\u206Ab", "ar", TextSafety.Kind.INVISIBLE);
        refused("a" + Character.toString(0xE0041) + "b", "en", TextSafety.Kind.INVISIBLE);
    }

    @Test
    void damagedTextIsRefused() {
        assertTrue(refused("Fr\uFFFDhling", "de", TextSafety.Kind.DAMAGED).message().contains("wrong encoding"));
        refused("see \uFFFC", "en", TextSafety.Kind.DAMAGED);
        refused("a\uFFFEb", "en", TextSafety.Kind.DAMAGED);
        refused("a\uFDD0b", "en", TextSafety.Kind.DAMAGED);
        refused("a\uD800b", "en", TextSafety.Kind.DAMAGED);
        refused("a\uDC00b", "en", TextSafety.Kind.DAMAGED);
        refused("a\u2065b", "en", TextSafety.Kind.DAMAGED);
    }

    @Test
    void legitimateInvisibleAndSpacingCharactersPass() {
        allowed("emoji \u2764\uFE0F and 葛\uDB40\uDD00", "ja");  // variation selectors
        allowed("Stadium\u00A04S, 8:00\u202FAM, Nieren\u00ADtumor, no\u2060break", "de");
        allowed("\u05D0\u034F\u05B8", "he");                     // combining grapheme joiner
        allowed("ᠠ\u180Eᠠ", "mn");                                // Mongolian vowel separator
        allowed("Vi\u1EC7t Nam, tie\u0302\u0301ng", "vi");        // combining marks
        allowed("😀 ک", "en");
    }

    @Test
    void aStringGetsOneProblemPerKindNamingTheOthersAtItsPlace() {
        Problems problems = new Problems();
        boolean refused = TextSafety.report("Oft beginnt es \u202Ein den Nebennieren\u202C.\t", "de", "translations/de.yaml", 104, 11,
                "overview.where.adrenal", problems);
        assertTrue(refused);
        List<Problem> list = problems.sorted();
        assertEquals(2, list.size(), list.toString());
        assertEquals("translations/de.yaml:104:11: error: [overview.where.adrenal] character 16 is U+202E RIGHT-TO-LEFT OVERRIDE,"
                + " a bidi control that reorders the text around it: the words would print reversed"
                + " (also U+202C POP DIRECTIONAL FORMATTING at character 35)", list.stream()
                .filter(p -> p.message().contains("U+202E")).findFirst().orElseThrow().format());
        assertTrue(list.stream().allMatch(p -> !p.hint().isEmpty()), list.toString());
        assertTrue(list.stream().anyMatch(p -> p.message().startsWith("character 37 is U+0009 (a tab)")), list.toString());
        Problems none = new Problems();
        assertFalse(TextSafety.report("क्\u200Dष", "hi", "translations/hi.yaml", 3, 11, "k", none));
        assertTrue(none.isEmpty());
    }

    @Test
    void characterPositionsCountCharactersNotUtf16Units() {
        Problems problems = new Problems();
        TextSafety.report("😀😀\u202E", "en", "f", 1, 1, "", problems);
        assertTrue(problems.sorted().get(0).message().startsWith("character 3 is U+202E"), problems.sorted().toString());
        assertEquals(4, TextSafety.check("😀😀\u202E", "en").get(0).index());
    }

    @Test
    void shownTextQuotesInvisibleCharactersSafely() {
        assertEquals("es <U+202E>in den<U+202C>.", TextSafety.shown("es \u202Ein den\u202C."));
    }
}
