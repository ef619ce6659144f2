package org.handout.verify;

import static org.handout.testing.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdfwriter.ContentStreamWriter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.handout.testing.Cli.Run;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify fails a PDF whose text holds what a build refuses, judged in each span's language: made
 * here by giving a span of a built leaflet an ActualText with PDFBox, as another tool (or an older
 * build) might have written it.
 */
class SafeTextTest {
    @TempDir
    static Path dir;
    static Path built;

    @BeforeAll
    static void build() {
        built = dir.resolve("built");
        Run r = run("build", "--root", TestProject.REAL.toString(), "--lang", "de,th", "--leaflet", "overview", "--out", built.toString());
        assertEquals(0, r.code(), r.err());
    }

    /**
     * A copy of {@code <lang>/overview.pdf} whose first span holding {@code word} has {@code insert}
     * put before its first occurrence, written to {@code <dir>/<name>/<lang>/overview.pdf}.
     */
    private static Path edited(String lang, String word, String insert, String name) throws IOException {
        Path to = dir.resolve(name).resolve(lang).resolve("overview.pdf");
        Files.createDirectories(to.getParent());
        Path source = built.resolve(lang).resolve("overview.pdf");
        PdfReadBack read = PdfReadBack.read(source);
        try (PDDocument doc = Loader.loadPDF(source.toFile())) {
            for (int p = 0; p < doc.getNumberOfPages(); p++) {
                PDPage page = doc.getPage(p);
                PdfReadBack.Span span = read.pages().get(p).spans().stream()
                        .filter(x -> x.mcid() >= 0 && x.text().contains(word)).findFirst().orElse(null);
                if (span == null) {
                    continue;
                }
                List<Object> tokens = new PDFStreamParser(page).parse();
                for (Object t : tokens) {
                    if (t instanceof COSDictionary d && d.getInt(COSName.MCID, -1) == span.mcid()) {
                        d.setString(COSName.ACTUAL_TEXT, span.text().replaceFirst(java.util.regex.Pattern.quote(word), insert + word));
                        PDStream stream = new PDStream(doc);
                        try (OutputStream out = stream.createOutputStream(COSName.FLATE_DECODE)) {
                            new ContentStreamWriter(out).writeTokens(tokens);
                        }
                        page.setContents(stream);
                        doc.save(to.toFile());
                        return to;
                    }
                }
            }
        }
        throw new AssertionError("no span holds «" + word + "»");
    }

    @Test
    void aPdfWhoseActualTextHoldsAnOverrideFailsVerify() throws IOException {
        Path pdf = edited("de", "Nebennieren", "\u202E", "override");
        Run r = run("verify", "--root", TestProject.REAL.toString(), pdf.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().startsWith("FAIL  de/overview.pdf"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.endsWith(" text: «Oft beginnt es in den <U+202E>Nebennieren. Jeder Mens…» holds"
                + " U+202E RIGHT-TO-LEFT OVERRIDE, a bidi control that reorders the text around it: the words would print reversed")), r.out());
    }

    @Test
    void eachSpanIsJudgedInItsLanguage() throws IOException {
        List<String> german = SafeText.failures(PdfReadBack.read(edited("de", "Nebennieren", "\u200B", "zwsp")));
        assertEquals(1, german.size(), german.toString());
        assertEquals("text: «Oft beginnt es in den <U+200B>Nebennieren. Jeder Mens…» holds U+200B ZERO WIDTH SPACE, a hidden break:"
                + " German separates its words with spaces, and a break no one sees splits a word for search and copying", german.get(0));
        PdfReadBack thai = PdfReadBack.read(edited("th", "นิวโรบลาสโตมา", "\u200B", "zwsp"));
        assertTrue(thai.body().contains("\u200Bนิวโรบลาสโตมา"), "the edit is in the Thai text");
        assertEquals(List.of(), SafeText.failures(thai), "a zero width space is a word break in Thai");
    }

    @Test
    void theLeafletsAsBuiltPassTheCheck() throws IOException {
        for (String lang : List.of("de", "th")) {
            assertEquals(List.of(), SafeText.failures(PdfReadBack.read(built.resolve(lang).resolve("overview.pdf"))), lang);
        }
    }
}
