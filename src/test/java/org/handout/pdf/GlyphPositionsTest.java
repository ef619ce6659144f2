package org.handout.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ibm.icu.util.ULocale;
import java.io.IOException;
import java.nio.file.Files;
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
import org.handout.layout.LaidOut;
import org.handout.layout.Layouter;
import org.handout.report.Problems;
import org.handout.verify.PdfReadBack;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every glyph lands in the PDF where layout put it: kerning, Arabic marks and Devanagari vowel
 * signs move glyphs off the font's plain advances, and the writer must follow layout, not the font.
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
        for (Item item : laidOut.pages().get(0).items()) {
            if (item instanceof Item.Glyphs g && !g.artifact()) {
                for (int i = 0; i < g.glyphs().length; i++) {
                    expected.add(new float[] {g.glyphs()[i], g.x() + g.dx()[i], g.y() + g.dy()[i]});
                }
            }
        }
        Path file = dir.resolve("t.pdf");
        Files.write(file, new PdfExporter("test").export(laidOut));
        List<float[]> actual = new ArrayList<>();
        for (PdfReadBack.Span span : PdfReadBack.read(file).pages().get(0).spans()) {
            if (!span.artifact()) {
                for (PdfReadBack.Glyph g : span.glyphs()) {
                    actual.add(new float[] {g.code(), g.x(), g.y()});
                }
            }
        }
        assertEquals(expected.size(), actual.size(), "glyph count");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i)[0], actual.get(i)[0], "glyph id #" + i);
            assertEquals(expected.get(i)[1], actual.get(i)[1], 0.02, "x of glyph #" + i);
            assertEquals(expected.get(i)[2], actual.get(i)[2], 0.02, "y of glyph #" + i);
        }
    }
}
