package org.handout.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDPropertyList;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.handout.testing.Cli;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lines whose ink touches are found on the page as drawn, by the glyphs' outlines; the leaflets of
 * the scripts whose clusters run deepest (Khmer, Burmese, Urdu in Nastaliq) keep their lines apart.
 */
class LinesApartTest {
    @TempDir
    Path dir;

    /** A page with two lines of {@code first} and {@code second} at 12 pt, their baselines {@code apart} points apart. */
    private Path page(String first, String second, float apart) throws IOException {
        Path file = dir.resolve("lines-" + apart + ".pdf");

        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            PDType0Font font = PDType0Font.load(doc, TestProject.REAL.resolve("fonts/NotoSans-Regular.ttf").toFile());
            try (PDPageContentStream c = new PDPageContentStream(doc, page)) {
                COSDictionary mcid = new COSDictionary();
                mcid.setInt(COSName.MCID, 0);
                c.beginMarkedContent(COSName.P, PDPropertyList.create(mcid));
                c.beginText();
                c.setFont(font, 12);
                c.newLineAtOffset(72, 700);
                c.showText(first);
                c.newLineAtOffset(0, -apart);
                c.showText(second);
                c.endText();
                c.endMarkedContent();
            }
            doc.save(file.toFile());
        }
        return file;
    }

    @Test
    void descendersReachingIntoTheCapitalsOfTheLineBelowAreFound() throws IOException {
        // at 1.25 em, Vietnamese capitals with two marks stacked reach the descenders of the line above
        List<String> tight = LinesApart.failures(PdfReadBack.read(page("gypsy jug", "ẪỖẴ", 15)));
        assertTrue(!tight.isEmpty() && tight.get(0).matches("layout: page 1: the ink of «[gyj]» reaches \\d+\\.\\d pt into «[ẪỖẴ]» on the line below"),
                tight.toString());
        assertEquals(List.of(), LinesApart.failures(PdfReadBack.read(page("gypsy jug", "ẪỖẴ", 19))), "at 1.6 em they are apart");
    }

    @Test
    void khmerBurmeseAndUrduLeafletsKeepTheirLinesApart() throws IOException {
        Path out = dir.resolve("out");
        assertEquals(0, Cli.run("build", "--root", TestProject.REAL.toString(), "--lang", "km,my,ur", "--out", out.toString()).code());
        for (String lang : List.of("km", "my", "ur")) {
            for (String leaflet : TestProject.LEAFLETS) {
                assertEquals(List.of(), LinesApart.failures(PdfReadBack.read(out.resolve(lang).resolve(leaflet + ".pdf"))), lang + "/" + leaflet);
            }
        }
    }
}
