package org.handout.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.icu.util.ULocale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.handout.doc.Block;
import org.handout.doc.Footer;
import org.handout.doc.Leaflet;
import org.handout.doc.Text;
import org.handout.layout.FontBook;
import org.handout.layout.Item;
import org.handout.layout.LaidOut;
import org.handout.layout.Layouter;
import org.handout.report.Problems;
import org.handout.testing.FontGlyphs;
import org.handout.verify.PdfReadBack;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every glyph lands in the PDF where layout put it: kerning, Arabic marks and Devanagari vowel
 * signs move glyphs off the font's plain advances, and the writer must follow layout, not the font.
 * Glyphs with width are text, matched to the original font's glyphs by outline (the PDF embeds a
 * renumbered subset); marks are shapes, each drawn where layout put it.
 */
class GlyphPositionsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "en, AVAVA To Ty Wa",
        "ar, اتصل بالطبيب فورًا",
        "hi, न्यूरोब्लास्टोमा कि क्षति",
        "vi, Việt Nam ộ ữ ặ",
    })
    void glyphsAreDrawnWhereLayoutPlacedThem(String lang, String sample) throws IOException {
        Problems p = new Problems();
        FontBook fonts = FontBook.load(Path.of("fonts"), "fonts", p).orElseThrow(() -> new AssertionError(p.sorted()));
        Footer footer = new Footer(List.of(), Optional.empty(), (page, pages) -> "");
        Leaflet leaflet = new Leaflet("t", lang, ULocale.forLanguageTag(lang).isRightToLeft(), "t",
                List.of(new Block.Paragraph(Text.plain(sample))), footer, LocalDate.of(2026, 11, 25), "t");
        LaidOut laidOut = new Layouter(fonts.chain(lang), ULocale.forLanguageTag(lang)).layout(leaflet);
        List<float[]> expected = new ArrayList<>();
        List<float[]> marks = new ArrayList<>();
        List<String> expectedOutlines = new ArrayList<>();
        Map<String, FontGlyphs> fontsByFile = new HashMap<>();
        for (Item item : laidOut.pages().get(0).items()) {
            if (item instanceof Item.Glyphs g && !g.artifact()) {
                for (int i = 0; i < g.glyphs().length; i++) {
                    float[] at = {g.glyphs()[i], g.x() + g.dx()[i], g.y() + g.dy()[i], g.size()};
                    if (!g.face().isGlyph(g.glyphs()[i]) || g.face().outline(g.glyphs()[i]).getBounds2D().isEmpty()) {
                        continue;
                    }
                    fontsByFile.computeIfAbsent(g.face().file(), f -> {
                        try {
                            return FontGlyphs.of(f);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                    if (g.face().pdfAdvance(g.glyphs()[i]) == 0) {
                        marks.add(at);
                    } else {
                        expected.add(at);
                        expectedOutlines.add(fontsByFile.get(g.face().file()).outline(g.glyphs()[i]));
                    }
                }
            }
        }
        Path file = dir.resolve("t.pdf");
        Files.write(file, new PdfExporter("test").export(laidOut));
        List<float[]> actual = new ArrayList<>();
        List<float[]> shapes = new ArrayList<>();
        List<String> actualOutlines = new ArrayList<>();
        for (PdfReadBack.Span span : PdfReadBack.read(file).pages().get(0).spans()) {
            if (!span.artifact() && !span.nested()) {
                for (PdfReadBack.Glyph g : span.glyphs()) {
                    if (!g.blank()) {
                        actual.add(new float[] {0, g.x(), g.y()});
                        actualOutlines.add(g.outline());
                    }
                }
                shapes.addAll(span.shapes());
            }
        }
        assertEquals(expected.size(), actual.size(), "glyph count");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expectedOutlines.get(i), actualOutlines.get(i), "the outline of glyph #" + i + " (layout's glyph id " + (int) expected.get(i)[0] + ")");
            assertEquals(expected.get(i)[1], actual.get(i)[1], 0.02, "x of glyph #" + i);
            assertEquals(expected.get(i)[2], actual.get(i)[2], 0.02, "y of glyph #" + i);
        }
        // a mark is drawn as a shape where layout put it: its outline lies within an em of its origin
        for (float[] m : marks) {
            float em = m[3];
            boolean drawn = shapes.stream().anyMatch(b -> b[0] < m[1] + em && b[2] > m[1] - em && b[1] < m[2] + em && b[3] > m[2] - em * 0.5f);
            assertTrue(drawn, "a shape for the mark at " + m[1] + ", " + m[2]);
        }
        assertEquals(marks.isEmpty(), shapes.isEmpty(), "shapes are drawn for marks only");
    }
}
