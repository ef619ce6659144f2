package org.handout.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.icu.util.ULocale;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.handout.doc.Text;
import org.handout.report.Problems;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A language whose font has forms of its own is set in them: the shaper is told the language
 * (HarfBuzz through the foreign function API, since the JDK's shaper is told none). Checked
 * against HarfBuzz's own hb-shape where it is installed, and by the glyphs differing from those
 * of the script's default language where the font says they should.
 */
class LanguageFormsTest {
    static FontBook fonts;
    static final TextStyle BODY = new TextStyle(10.5f, false, 0);

    @BeforeAll
    static void loadFonts() {
        Problems p = new Problems();
        fonts = FontBook.load(Path.of("fonts"), "fonts", p).orElseThrow(() -> new AssertionError(p.sorted()));
    }

    /** The glyph ids a language's chain sets {@code s} in, in visual order. */
    private static int[] glyphs(String tag, String chainOf, String s) {
        ULocale l = ULocale.forLanguageTag(tag);
        List<Line> lines = new Typesetter(fonts.chain(chainOf), l, l.isRightToLeft()).set(Text.plain(s), BODY, 800);
        assertEquals(1, lines.size());
        return lines.get(0).pieces().stream().flatMapToInt(p -> Arrays.stream(p.glyphs())).toArray();
    }

    @Test
    void harfBuzzIsThereToBeToldTheLanguage() {
        assertTrue(HarfBuzz.get().isPresent(), "libharfbuzz.so.0 (Debian libharfbuzz0b) and --enable-native-access=ALL-UNNAMED");
    }

    @Test
    void nepaliGetsNepaliLetterAndDigitFormsWhereHindiGetsItsOwn() {
        // Noto Sans Devanagari has a NEP LangSys: jha and the digits 5, 8, 9 are drawn the Nepali way
        for (String s : List.of("झ", "५", "८", "९")) {
            assertNotEquals(Arrays.toString(glyphs("hi", "hi", s)), Arrays.toString(glyphs("ne", "ne", s)), s + " in Nepali");
        }
        // where the forms are the same, so are the glyphs
        assertArrayEquals(glyphs("hi", "hi", "कमल"), glyphs("ne", "ne", "कमल"));
    }

    @Test
    void theGlyphsAreHarfBuzzsOwnForNepali() throws Exception {
        String word = "झण्डा ५८९ क्षेत्र";
        Process p = new ProcessBuilder("hb-shape", "--language=ne", "--features=-liga,-clig", "--no-positions", "--no-clusters",
                "--no-glyph-names", "fonts/NotoSansDevanagari-Regular.ttf", word).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (p.waitFor() != 0) {
            throw new AssertionError("hb-shape (Debian libharfbuzz-bin) is needed: " + out);
        }
        int[] expected = Arrays.stream(out.replaceAll("[\\[\\]]", "").split("\\|")).mapToInt(Integer::parseInt).toArray();
        assertArrayEquals(expected, glyphs("ne", "ne", word), out);
    }

    @Test
    void romanianSAndTWithCedillaAreDrawnWithTheCommaBelowRomanianReadersExpect() throws Exception {
        // Noto Sans's ROM LangSys maps ş ţ (cedilla, as many keyboards type them) to ș ț (comma below)
        int[] ro = glyphs("ro", "default", "şţ");
        int[] en = glyphs("en", "default", "şţ");
        assertNotEquals(Arrays.toString(en), Arrays.toString(ro));
        assertArrayEquals(glyphs("en", "default", "șț"), ro, "the same glyphs as the comma-below letters");
    }

    @Test
    void aFaceAskedForItsFormsButNeverShapedByHarfBuzzKeepsNoNativeCopy() {
        // Chinese is set by the JDK's shaper; asking whether the face has Chinese forms needs the face
        // in HarfBuzz only for the question, and the 2 MB copy is freed after it
        Problems p = new Problems();
        FontBook own = FontBook.load(Path.of("fonts"), "fonts", p).orElseThrow(() -> new AssertionError(p.sorted()));
        Face chinese = own.chain("zh-Hans").faces(false).stream().filter(f -> f.file().startsWith("NotoSansSC")).findFirst().orElseThrow();
        HarfBuzz hb = HarfBuzz.get().orElseThrow();
        hb.hasOwnForms(chinese, "zh-Hans", "Hani");
        assertTrue(!hb.keepsCopyOf(chinese), "a copy kept after the question");
        // the question answered on the copy, and then on the copy a face HarfBuzz shapes with keeps for the
        // run (answers are remembered by file, language and script: each tag here is asked nowhere else)
        Face devanagari = own.chain("ne").faces(false).get(0);
        assertTrue(hb.hasOwnForms(devanagari, "ne-IN", "Deva"), "Noto Sans Devanagari has a NEP LangSys (asked on a copy)");
        assertTrue(!hb.keepsCopyOf(devanagari));
        char[] word = "झण्डा".toCharArray();
        hb.shape(devanagari, word, 0, word.length, false, "ne", "Deva");
        assertTrue(hb.keepsCopyOf(devanagari));
        assertTrue(hb.hasOwnForms(devanagari, "ne-NP", "Deva"), "NEP again, asked on the kept copy");
        assertTrue(!hb.hasOwnForms(devanagari, "en-IN", "Deva"), "no English LangSys under Devanagari");
    }
}
