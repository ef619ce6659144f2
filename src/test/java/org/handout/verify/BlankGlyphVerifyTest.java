package org.handout.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.handout.testing.Cli;
import org.handout.testing.FontBytes;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify} fails a leaflet whose embedded font draws nothing for its letters, a PDF that
 * reads back as the right text (ToUnicode is intact) but shows a blank page body.
 */
class BlankGlyphVerifyTest {
    @TempDir
    Path dir;

    /** Replaces the embedded program of every subset of {@code font} with a copy whose 'loca' table is zeroed. */
    private static void blankEmbedded(Path pdf, String font) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            for (PDPage page : doc.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    if (page.getResources().getFont(name) instanceof PDType0Font t0 && t0.getName().endsWith("+" + font)) {
                        PDFontDescriptor d = t0.getDescendantFont().getFontDescriptor();
                        byte[] program;
                        try (InputStream in = d.getFontFile2().createInputStream()) {
                            program = in.readAllBytes();
                        }
                        byte[] blank = FontBytes.zeroLoca(program);
                        PDStream replaced = new PDStream(doc, new ByteArrayInputStream(blank), COSName.FLATE_DECODE);
                        replaced.getCOSObject().setInt(COSName.LENGTH1, blank.length);
                        d.setFontFile2(replaced);
                    }
                }
            }
            doc.save(pdf.resolveSibling("damaged.pdf").toFile());
        }
        Files.move(pdf.resolveSibling("damaged.pdf"), pdf, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void verifyFailsALeafletWhoseEmbeddedFontDrawsNothingForItsLetters() throws IOException {
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        Path out = dir.resolve("out");
        Cli.Run built = Cli.run("build", "--root", p.root().toString(), "--out", out.toString(), "--lang", "en", "--leaflet", "symptoms");
        assertEquals(0, built.code(), built.err());
        blankEmbedded(out.resolve("en/symptoms.pdf"), "NotoSans-Regular");
        Cli.Run r = Cli.run("verify", "--root", p.root().toString(), "--out", out.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("fonts: the glyph for «A» (NotoSans-Regular) is blank: the embedded font draws nothing for a letter"),
                r.out());
        assertTrue(r.out().contains("0 of 1 PDFs verified"), r.out());
    }
}
