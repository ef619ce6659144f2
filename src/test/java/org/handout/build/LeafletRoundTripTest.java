package org.handout.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.handout.doc.Leaflet;
import org.handout.i18n.Languages;
import org.handout.report.Problems;
import org.handout.verify.PdfReadBack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Builds every leaflet in every language, as the main job does, and reads each PDF back with
 * PDFBox: every string the composer formatted must be on the pages, in reading order; every
 * font embedded; no glyph missing; title and language set.
 */
class LeafletRoundTripTest {
    static final Workspace WORKSPACE = new Workspace(Path.of(""));

    @TempDir
    static Path out;
    static BuildReport report;
    static Project project;

    @BeforeAll
    static void buildEverything() {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        report = new Pipeline(WORKSPACE, quiet).build(new BuildOptions(List.of(), List.of(), out));
        project = Project.load(WORKSPACE);
    }

    static Stream<Arguments> pdfs() {
        Project p = Project.load(WORKSPACE);
        List<Arguments> out = new ArrayList<>();
        for (String lang : p.languageTags()) {
            for (String leaflet : p.content().leafletIds()) {
                out.add(Arguments.of(lang, leaflet));
            }
        }
        return out.stream();
    }

    private static Leaflet composed(String lang, String leaflet) {
        Problems problems = new Problems();
        Languages.Resolution r = project.languages().resolve(lang);
        Leaflet doc = project.compose(leaflet, r, problems).orElseThrow(() -> new AssertionError(problems.sorted()));
        return doc;
    }

    private static PdfReadBack read(String lang, String leaflet) throws IOException {
        Path file = out.resolve(lang).resolve(leaflet + ".pdf");
        assertTrue(Files.isRegularFile(file), file + " was not written");
        return PdfReadBack.read(file);
    }

    @Test
    void buildsSevenLeafletsInThirtyOneLanguagesWithoutProblems() throws IOException {
        assertEquals(List.of(), report.problems().stream().filter(org.handout.report.Problem::isError).toList());
        assertEquals(List.of("en", "am", "ar", "bn", "de", "es", "fa", "fil", "fr", "gu", "he", "hi", "ht", "ja", "km", "ko", "my", "ne", "pa", "pl", "ps", "pt-BR", "ru", "so", "ta", "th", "uk", "ur", "vi", "zh-Hans", "zh-Hant"), project.languageTags());
        assertEquals(List.of("overview", "symptoms", "staging", "contacts", "tests", "after-treatment", "questions"), project.content().leafletIds());
        assertEquals(org.handout.testing.TestProject.PDF_COUNT, report.written().size());
        try (Stream<Path> files = Files.walk(out)) {
            assertEquals(org.handout.testing.TestProject.PDF_COUNT, files.filter(f -> f.toString().endsWith(".pdf")).count());
        }
        try (Stream<Path> files = Files.walk(out)) {
            assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".tmp")).toList(), "temporary files left behind");
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("pdfs")
    void everyFormattedStringIsOnThePagesInReadingOrder(String lang, String leaflet) throws IOException {
        Leaflet doc = composed(lang, leaflet);
        PdfReadBack pdf = read(lang, leaflet);
        String body = PdfReadBack.comparable(pdf.body());
        List<String> strings = doc.strings();
        int footerStrings = doc.footer().notes().size() + (doc.footer().warning().isPresent() ? 1 : 0);
        int from = 0;
        for (String s : strings.subList(0, strings.size() - footerStrings)) {
            String want = PdfReadBack.comparable(s);
            int at = body.indexOf(want, from);
            if (at < 0) {
                fail(lang + "/" + leaflet + ": not found in reading order after position " + from + ": «" + s + "»\nbody: " + body);
            }
            from = at + want.length();
        }
        for (int page = 1; page <= pdf.pageCount(); page++) {
            String furniture = PdfReadBack.comparable(pdf.pages().get(page - 1).furniture());
            for (String s : strings.subList(strings.size() - footerStrings, strings.size())) {
                assertTrue(furniture.contains(PdfReadBack.comparable(s)), "page " + page + " footer lacks «" + s + "»");
            }
            String label = doc.footer().pageLabels().label(page, pdf.pageCount());
            assertTrue(furniture.contains(PdfReadBack.comparable(label)), "page " + page + " lacks «" + label + "»");
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("pdfs")
    void everyFontIsEmbeddedAndEverySpanHasRealGlyphs(String lang, String leaflet) throws IOException {
        PdfReadBack pdf = read(lang, leaflet);
        for (PdfReadBack.PageText page : pdf.pages()) {
            assertFalse(page.fonts().isEmpty());
            for (PDFont font : page.fonts()) {
                assertTrue(font.isEmbedded(), font.getName() + " is not embedded");
                assertTrue(font.getName().matches("[A-Z]{6}\\+.*"), font.getName() + " is not a subset");
            }
            for (PdfReadBack.Span span : page.spans()) {
                if (!span.text().isBlank()) {
                    assertFalse(span.glyphs().isEmpty(), "no glyphs drawn for «" + span.text() + "»");
                }
                for (PdfReadBack.Glyph g : span.glyphs()) {
                    assertTrue(g.code() != 0, ".notdef glyph drawn in «" + span.text() + "»");
                }
            }
        }
        assertEquals(List.of(), pdf.unmarkedGlyphs(), "glyphs drawn outside any span that carries their text");
    }

    /**
     * No glyph is blank where its text is a letter, digit, punctuation or symbol, in any script:
     * spaces and the empty glyphs of Arabic and Indic shaping are not taken for a damaged font.
     */
    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("pdfs")
    void noGlyphIsBlankWhereItsTextShouldLeaveInk(String lang, String leaflet) throws IOException {
        assertEquals(List.of(), org.handout.verify.BlankGlyphs.failures(read(lang, leaflet)));
    }

    /**
     * A word hyphenated at a line end shows a hyphen and reads as the soft hyphen it stands for
     * (the word comes back whole): the span of the hyphen is one glyph with ink whose text is U+00AD.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"overview", "symptoms", "staging", "contacts"})
    void aLineEndHyphenIsDrawnAndReadsAsASoftHyphen(String leaflet) throws IOException {
        int hyphens = 0;
        for (PdfReadBack.PageText page : read("de", leaflet).pages()) {
            for (PdfReadBack.Span span : page.spans()) {
                if (span.text().equals("\u00AD")) {
                    assertEquals(1, span.glyphs().size(), "one glyph for the hyphen");
                    assertFalse(span.glyphs().get(0).blank(), "the hyphen is drawn");
                    hyphens++;
                }
            }
        }
        assertTrue(hyphens > 0 || !leaflet.equals("staging"), "the German staging leaflet hyphenates a long compound");
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("pdfs")
    void titleAndLanguageAreSet(String lang, String leaflet) throws IOException {
        PdfReadBack pdf = read(lang, leaflet);
        assertEquals(composed(lang, leaflet).title(), pdf.title());
        assertEquals(lang, pdf.lang());
        assertTrue(pdf.displayDocTitle(), "viewers should show the title, not the file name");
    }
}
