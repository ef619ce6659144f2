package org.handout.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.handout.testing.Cli;
import org.handout.testing.FontBytes;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A font that would print wrongly is a located problem before any PDF is written: a damaged face
 * holds back the leaflets that need it (and only those), a font the PDF writer cannot use stops
 * the build before anything is built. Never an internal error half-way through a build.
 */
class DamagedFontTest {
    static final Path FIXTURES = Path.of("src/test/resources/fonts");

    @TempDir
    Path dir;

    private TestProject project() {
        return TestProject.copyWithOwnFonts(dir.resolve("project"));
    }

    /** Replaces the link to one of the project's fonts with a changed copy of it. */
    private static void damage(TestProject p, String font, java.util.function.UnaryOperator<byte[]> how) throws IOException {
        Path link = p.root().resolve("fonts").resolve(font);
        byte[] bytes = Files.readAllBytes(link);
        Files.delete(link);
        Files.write(link, how.apply(bytes));
    }

    private Cli.Run build(TestProject p, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("build", "--root", p.root().toString(), "--out", dir.resolve("out").toString()));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(String[]::new));
    }

    private List<String> pdfs() throws IOException {
        Path out = dir.resolve("out");
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(out)) {
            return s.filter(f -> f.toString().endsWith(".pdf")).map(f -> out.relativize(f).toString()).sorted().toList();
        }
    }

    private static List<String> errors(Cli.Run r) {
        return r.err().lines().filter(l -> l.contains(": error: ")).toList();
    }

    @Test
    void aFontWhoseGlyphsAreBlankHoldsBackTheLeafletsThatUseItNamingTheFileOnce() throws IOException {
        TestProject p = project();
        damage(p, "NotoSansHebrew-Regular.ttf", FontBytes::zeroLoca);
        Cli.Run r = build(p, "--lang", "en,he");
        assertEquals(1, r.code(), r.err());
        assertEquals(List.of("fonts/NotoSansHebrew-Regular.ttf: error: the glyph for U+002D HYPHEN-MINUS (-) is blank: the font file "
                + "is damaged; replace it"), errors(r), r.err());
        assertTrue(r.err().contains("hint: the leaflets of every language that uses this font are held back"), r.err());
        assertTrue(r.out().contains("he       0 of " + org.handout.testing.TestProject.LEAFLET_COUNT + " leaflets")
                && r.out().contains("HELD BACK: " + String.join(", ", org.handout.testing.TestProject.LEAFLETS)), r.out());
        assertEquals(org.handout.testing.TestProject.LEAFLETS.stream().map(l -> "en/" + l + ".pdf").sorted().toList(), pdfs());
    }

    @Test
    void aFontThePdfWriterCannotReadHoldsBackTheLeafletsThatUseItInsteadOfStoppingTheBuild() throws IOException {
        TestProject p = project();
        damage(p, "NotoSansHebrew-Regular.ttf", FontBytes::brokenGsub);
        Cli.Run r = build(p, "--lang", "he,en");
        assertEquals(1, r.code(), r.err());
        assertEquals(List.of("fonts/NotoSansHebrew-Regular.ttf: error: FontBox, which embeds it in the PDF, cannot read it "
                + "(EOF at 16980, b1: -1, b2: -1): the font file is damaged; replace it"), errors(r), r.err());
        assertTrue(!r.err().contains("internal error"), r.err());
        assertEquals(org.handout.testing.TestProject.LEAFLETS.stream().map(l -> "en/" + l + ".pdf").sorted().toList(), pdfs());
    }

    @Test
    void anOpenTypeFontWithCffOutlinesIsRefusedAtItsLineBeforeAnythingIsBuilt() throws IOException {
        TestProject p = project();
        Files.copy(FIXTURES.resolve("NotoSansSC-cff.otf"), p.root().resolve("fonts/NotoSansSC-cff.otf"));
        p.replace("fonts/fonts.yaml", "regular: NotoSansSC-Regular.ttf", "regular: NotoSansSC-cff.otf");
        int line = p.lineOf("fonts/fonts.yaml", "NotoSansSC-cff.otf");
        Cli.Run r = build(p);
        assertEquals(1, r.code(), r.err());
        assertEquals(List.of("fonts/fonts.yaml:" + line + ":23: error: font file fonts/NotoSansSC-cff.otf has CFF (PostScript) outlines "
                + "('OTTO'); handout embeds TrueType (glyf) outlines only"), errors(r), r.err());
        assertTrue(r.err().contains("hint: use the TrueType (glyf) version of the font, or convert it as fonts/tools/make-cjk-subset.py does"),
                r.err());
        assertTrue(r.out().contains("nothing built"), r.out());
        assertEquals(List.of(), pdfs());
    }

    @Test
    void aFontCollectionIsRefusedAtItsLineBeforeAnythingIsBuilt() throws IOException {
        TestProject p = project();
        Files.copy(FIXTURES.resolve("NotoSans-two-faces.ttc"), p.root().resolve("fonts/NotoSans-two-faces.ttc"));
        p.replace("fonts/fonts.yaml", "bold: NotoSans-Bold.ttf", "bold: NotoSans-two-faces.ttc");
        int line = p.lineOf("fonts/fonts.yaml", "NotoSans-two-faces.ttc");
        Cli.Run r = build(p, "--lang", "en");
        assertEquals(1, r.code(), r.err());
        assertEquals(List.of("fonts/fonts.yaml:" + line + ":9: error: font file fonts/NotoSans-two-faces.ttc is a font collection (several "
                + "faces in one file); handout needs one face per file"), errors(r), r.err());
        assertTrue(r.err().contains("hint: take the face out of the collection"), r.err());
        assertEquals(List.of(), pdfs());
    }

    @Test
    void aBuildOfSomeLanguagesReadsOnlyTheFacesOfTheirChainsAndABuildOfEveryLanguageReadsThemAll() throws IOException {
        TestProject p = project();
        Files.copy(FIXTURES.resolve("NotoSansSC-cff.otf"), p.root().resolve("fonts/NotoSansSC-cff.otf"));
        p.replace("fonts/fonts.yaml", "regular: NotoSansSC-Regular.ttf", "regular: NotoSansSC-cff.otf");
        // English's chain does not name the Chinese face: its file is not read, and English builds
        Cli.Run en = build(p, "--lang", "en");
        assertEquals(0, en.code(), en.err());
        assertEquals(List.of(), errors(en), en.err());
        assertEquals(org.handout.testing.TestProject.LEAFLETS.stream().map(l -> "en/" + l + ".pdf").sorted().toList(), pdfs());
        // Chinese's does, and a build of every language reads every face: both refuse it at its line
        for (String[] args : List.of(new String[] {"--lang", "zh-Hans"}, new String[] {"--force"})) {
            Cli.Run r = build(p, args);
            assertEquals(1, r.code(), String.join(" ", args) + "\n" + r.err());
            assertTrue(errors(r).stream().anyMatch(l -> l.contains("font file fonts/NotoSansSC-cff.otf has CFF (PostScript) outlines")),
                    String.join(" ", args) + "\n" + r.err());
        }
    }

    @Test
    void aFaceFileThatDoesNotExistIsReportedEvenByABuildWhoseChainsDoNotNameIt() throws IOException {
        TestProject p = project();
        p.replace("fonts/fonts.yaml", "regular: NotoSansSC-Regular.ttf", "regular: NotoSansSC-Gone.ttf");
        Cli.Run r = build(p, "--lang", "en");
        assertEquals(1, r.code(), r.err());
        assertTrue(errors(r).stream().anyMatch(l -> l.contains("font file fonts/NotoSansSC-Gone.ttf does not exist")), r.err());
    }
}
