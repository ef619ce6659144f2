package org.handout.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.icu.util.VersionInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A character is set by a shaper that knows its script, or refused by name: the JDK's shaper
 * knows the scripts of Unicode 4.0, HarfBuzz those of its own Unicode version.
 */
class ShapingTest {
    @TempDir
    Path dir;

    @Test
    void theJdkSetsTheScriptsItKnowsAndHarfBuzzTheRest() {
        for (int cp : new int[] {'a', 'я', 'क', 'ক', 'ਕ', 'ક', 'க', 'ក', 'က', 'ሀ', 'ا', 'ט', 'ก', '漢', 'か', '한'}) {
            assertTrue(Shaping.byJdk(cp), Character.getName(cp));
            assertEquals(Optional.empty(), Shaping.refusal(cp, Optional.empty()), Character.getName(cp));
        }
        int alif = 0x1E900; // ADLAM CAPITAL LETTER ALIF (Unicode 9.0): joins, and the JDK does not know Adlam
        assertTrue(!Shaping.byJdk(alif));
        assertEquals(Optional.empty(), Shaping.refusal(alif, Optional.of(VersionInfo.getInstance(15))), "HarfBuzz 6 shapes Adlam");
        assertEquals(Optional.of("Adlam needs a shaper that knows it: the JDK's does not, and there is no HarfBuzz here "
                + "(Debian: apt-get install libharfbuzz0b)"), Shaping.refusal(alif, Optional.empty()));
        int garay = 0x10D50; // a Garay letter, Unicode 16.0
        assertEquals(Optional.of("Garay is newer (Unicode 16.0) than the HarfBuzz here shapes (Unicode 15.0)"),
                Shaping.refusal(garay, Optional.of(VersionInfo.getInstance(15))));
    }

    @Test
    void withoutHarfBuzzABuildRefusesAnAdlamNameByNameAndWritesNothing() throws Exception {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        p.replace("content/contacts.yaml", "name: \"National Cancer Institute (NCI)\"", "name: \"National Cancer Institute (\uD83A\uDD00\uD83A\uDD22)\"");
        Path out = dir.resolve("out");
        Process proc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dhandout.harfbuzz=off",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "org.handout.cli.Main",
                "build", "--root", p.root().toString(), "--lang", "en", "--leaflet", "contacts", "--out", out.toString())
                .redirectErrorStream(true).start();
        String said = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, proc.waitFor(), said);
        assertTrue(said.matches("(?s).*content/contacts\\.yaml:\\d+:\\d+: error: character U\\+1E900 ADLAM CAPITAL LETTER ALIF \\(\uD83A\uDD00\\) "
                + "cannot be set correctly: Adlam needs a shaper that knows it.*"), said);
        assertTrue(!java.nio.file.Files.exists(out.resolve("en/contacts.pdf")), "no PDF");
    }

    @Test
    void anAdlamRunIsShapedByHarfBuzzAndJoins() throws Exception {
        assertTrue(HarfBuzz.get().isPresent(), "libharfbuzz.so.0 is needed");
        Path font = Path.of("src/test/resources/fonts/NotoSansAdlam-Regular.ttf");
        org.handout.report.Problems problems = new org.handout.report.Problems();
        java.nio.file.Path fonts = dir.resolve("fonts");
        java.nio.file.Files.createDirectories(fonts);
        java.nio.file.Files.copy(font, fonts.resolve(font.getFileName()));
        java.nio.file.Files.writeString(fonts.resolve("fonts.yaml"), """
                faces:
                  adlam: {regular: NotoSansAdlam-Regular.ttf, bold: NotoSansAdlam-Regular.ttf}
                chains:
                  default: [adlam]
                """);
        FontBook book = FontBook.load(fonts, "fonts", problems).orElseThrow(() -> new AssertionError(problems.sorted()));
        String word = "\uD83A\uDD00\uD83A\uDD22\uD83A\uDD26"; // three Adlam letters that join
        com.ibm.icu.util.ULocale ff = com.ibm.icu.util.ULocale.forLanguageTag("ff-Adlm");
        List<Line> lines = new Typesetter(book.chain("ff-Adlm"), ff, true).set(org.handout.doc.Text.plain(word), new TextStyle(10, false, 0), 400);
        int[] ours = lines.get(0).pieces().stream().flatMapToInt(x -> java.util.Arrays.stream(x.glyphs())).toArray();
        Process hb = new ProcessBuilder("hb-shape", "--features=-liga,-clig", "--no-positions", "--no-clusters", "--no-glyph-names",
                font.toString(), word).redirectErrorStream(true).start();
        String out = new String(hb.getInputStream().readAllBytes()).strip();
        assertEquals(0, hb.waitFor(), out);
        int[] expected = java.util.Arrays.stream(out.replaceAll("[\\[\\]]", "").split("\\|")).mapToInt(Integer::parseInt).toArray();
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(ours), "HarfBuzz's own joined forms");
    }
}
