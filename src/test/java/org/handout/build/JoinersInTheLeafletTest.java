package org.handout.build;

import static org.handout.testing.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.handout.testing.Cli.Run;
import org.handout.testing.FontGlyphs;
import org.handout.testing.TestProject;
import org.handout.verify.PdfReadBack;
import org.handout.verify.Verifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Hindi translation with a ZWJ (the half form of क in क्ष) and a ZWNJ (the explicit virama),
 * a Persian word with its ZWNJ in Arabic-script text, and a Thai ZWSP, build; the PDF
 * draws the forms the joiners ask for, keeps the joiners in its text, draws no glyph the
 * font lacks, never shows layout's own bidi isolates, and passes verify.
 */
class JoinersInTheLeafletTest {
    static final String HALF_FORM = "क्\u200Dष";
    static final String EXPLICIT_VIRAMA = "क्\u200Cष";
    static final String PERSIAN = "می\u200Cخواهم";
    static final String THAI = "มะเร็งนี้\u200Bมักเริ่ม";

    @TempDir
    static Path dir;
    static TestProject project;
    static Path out;

    @BeforeAll
    static void build() {
        project = TestProject.copyInto(dir.resolve("project"));
        project.replace("translations/hi.yaml", "text: \"यह अक्सर एड्रिनल", "text: \"यह अक्सर " + HALF_FORM + " और " + EXPLICIT_VIRAMA + " एड्रिनल");
        project.replace("translations/ar.yaml", "text: \"غالبًا ما يبدأ في الغدد", "text: \"غالبًا ما يبدأ " + PERSIAN + " في الغدد");
        project.replace("translations/th.yaml", "text: \"มะเร็งนี้มักเริ่ม", "text: \"" + THAI);
        out = dir.resolve("out");
        Run r = run("build", "--root", project.root().toString(), "--lang", "hi,ar,th", "--leaflet", "overview,contacts", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
    }

    private static PdfReadBack.Span span(PdfReadBack pdf, String holding) {
        return pdf.pages().stream().flatMap(p -> p.spans().stream()).filter(s -> s.text().contains(holding)).findFirst()
                .orElseThrow(() -> new AssertionError("no span's text holds «" + holding + "»: the joiner was lost"));
    }

    /** The names the original font file gives the glyphs of a span, in the order they are drawn ("∅": an empty glyph carrying a mark's text). */
    private static List<String> glyphNames(PdfReadBack.Span span, String fontFile) throws IOException {
        return FontGlyphs.of(fontFile).names(span);
    }

    @Test
    void hindiJoinersShapeTheFormsTheyAskForAndStayInTheText() throws IOException {
        PdfReadBack pdf = PdfReadBack.read(out.resolve("hi/overview.pdf"));
        PdfReadBack.Span span = span(pdf, HALF_FORM);
        assertTrue(span.text().contains(EXPLICIT_VIRAMA), span.text());
        List<String> names = glyphNames(span, "NotoSansDevanagari-Regular.ttf").stream().filter(n -> !n.equals(FontGlyphs.EMPTY)).toList();
        assertTrue(Collections.indexOfSubList(names, List.of("kaprehalfdeva", "ssadeva")) >= 0, "ZWJ: the half form of क before ष: " + names);
        // the virama is a mark: drawn as a shape, its text carried on the baseline by an empty glyph
        assertTrue(Collections.indexOfSubList(names, List.of("kadeva", "ssadeva")) >= 0, "ZWNJ: क, a virama, ष: " + names);
        assertFalse(span.shapes().isEmpty(), "the virama is drawn");
        assertFalse(names.contains("kassadeva"), "neither pair makes the conjunct क्ष: " + names);
    }

    @Test
    void persianZwnjKeepsTheLettersApartAndStaysInTheText() throws IOException {
        PdfReadBack pdf = PdfReadBack.read(out.resolve("ar/overview.pdf"));
        FontGlyphs naskh = FontGlyphs.of("NotoNaskhArabic-Regular.ttf");
        List<PdfReadBack.Glyph> inked = naskh.inked(span(pdf, PERSIAN));
        // drawn in visual order: the initial form of خ, then the final form of ی, with no joining between them
        boolean apart = false;
        for (int i = 0; i + 1 < inked.size(); i++) {
            apart |= naskh.is(inked.get(i), "uniFEA7") && naskh.is(inked.get(i + 1), "uniFBFD");
        }
        assertTrue(apart, inked.stream().map(naskh::name).toList().toString());
    }

    @Test
    void aZeroWidthSpaceInThaiIsAnEmptyGlyphSoToUnicodeKeepsItToo() throws IOException {
        PdfReadBack pdf = PdfReadBack.read(out.resolve("th/overview.pdf"));
        PdfReadBack.Span span = span(pdf, THAI);
        // an empty glyph without width carries it, with the marks drawn just before it
        PdfReadBack.Glyph zwsp = span.glyphs().stream().filter(g -> g.unicode() != null && g.unicode().contains("\u200B")).findFirst()
                .orElseThrow(() -> new AssertionError("no glyph stands for U+200B: " + span.glyphText()));
        assertTrue(zwsp.blank() && zwsp.width() == 0, "it draws nothing and takes no room");
        assertTrue(span.glyphText().contains("นี้\u200Bมัก"), span.glyphText());
    }

    @Test
    void noGlyphTheFontLacksAndNoBidiIsolateReachesThePdf() throws IOException {
        for (String f : List.of("hi/overview.pdf", "ar/overview.pdf", "ar/contacts.pdf", "hi/contacts.pdf")) {
            PdfReadBack pdf = PdfReadBack.read(out.resolve(f));
            for (PdfReadBack.PageText page : pdf.pages()) {
                for (PDFont font : page.fonts()) {
                    // OpenPDF leaves such a glyph out of the content, but its ToUnicode map would still name it
                    assertNull(font.toUnicode(0xFFFF), f + ": " + font.getName() + " maps the shaper's invisible glyph");
                }
                for (PdfReadBack.Span s : page.spans()) {
                    assertTrue(s.glyphs().stream().noneMatch(g -> g.code() == 0xFFFF), f + ": the shaper's invisible glyph in «" + s.text() + "»");
                    assertTrue(s.text().chars().noneMatch(c -> c >= 0x2066 && c <= 0x2069), f + ": a bidi isolate in «" + s.text() + "»");
                }
            }
        }
        assertTrue(PdfReadBack.read(out.resolve("ar/contacts.pdf")).body().contains("800-422-6237"), "the phone numbers are there, isolated by layout");
    }

    @Test
    void leafletsWithJoinersPassVerify() throws IOException {
        Verifier verifier = new Verifier(Project.load(new Workspace(project.root())));
        for (String f : List.of("hi/overview.pdf", "ar/overview.pdf", "ar/contacts.pdf", "th/overview.pdf")) {
            Verifier.Verdict v = verifier.verify(out.resolve(f));
            assertEquals(List.of(), v.failures(), f);
        }
    }
}
