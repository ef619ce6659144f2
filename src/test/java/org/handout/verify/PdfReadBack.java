package org.handout.verify;

import java.io.IOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDMarkedContent;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFMarkedContentExtractor;
import org.apache.pdfbox.text.TextPosition;

/**
 * What a reader gets back from a PDF, read with PDFBox: per page, the marked-content spans in
 * content-stream order with their {@code /ActualText} and the glyphs drawn inside them, plus the
 * fonts and document metadata.
 */
public final class PdfReadBack {

    /**
     * A span of text: what it says ({@code /ActualText}), its {@code /Lang}, its glyphs, and
     * whether it is page furniture (inside an {@code /Artifact} sequence: footer, page number).
     */
    public record Span(String actualText, String lang, List<TextPosition> glyphs, boolean artifact) {
        /** The text of the glyphs through the fonts' ToUnicode maps, ignoring ActualText. */
        public String glyphText() {
            StringBuilder b = new StringBuilder();
            glyphs.forEach(g -> b.append(g.getUnicode()));
            return b.toString();
        }
    }

    /** A page: its spans and the fonts its resources use. */
    public record PageText(List<Span> spans, List<PDFont> fonts) {
        /** The text of the page body in reading order, without page furniture. */
        public String body() {
            StringBuilder b = new StringBuilder();
            spans.stream().filter(s -> !s.artifact()).forEach(s -> b.append(s.actualText()));
            return b.toString();
        }

        /** The text of the page furniture (footer, page number). */
        public String furniture() {
            StringBuilder b = new StringBuilder();
            spans.stream().filter(Span::artifact).forEach(s -> b.append(s.actualText()));
            return b.toString();
        }
    }

    private final List<PageText> pages;
    private final String title;
    private final String lang;
    private final boolean displayDocTitle;
    private final int pageCount;

    private PdfReadBack(PDDocument doc) throws IOException {
        List<PageText> out = new ArrayList<>();
        for (PDPage page : doc.getPages()) {
            PDFMarkedContentExtractor extractor = new PDFMarkedContentExtractor();
            extractor.processPage(page);
            List<Span> spans = new ArrayList<>();
            for (PDMarkedContent mc : extractor.getMarkedContents()) {
                collect(mc, spans, false);
            }
            List<PDFont> fonts = new ArrayList<>();
            PDResources res = page.getResources();
            for (COSName name : res.getFontNames()) {
                fonts.add(res.getFont(name));
            }
            out.add(new PageText(spans, fonts));
        }
        this.pages = List.copyOf(out);
        this.pageCount = doc.getNumberOfPages();
        this.title = doc.getDocumentInformation().getTitle();
        this.lang = doc.getDocumentCatalog().getLanguage();
        this.displayDocTitle = doc.getDocumentCatalog().getViewerPreferences() != null
                && doc.getDocumentCatalog().getViewerPreferences().displayDocTitle();
    }

    private static void collect(PDMarkedContent mc, List<Span> spans, boolean inArtifact) {
        boolean artifact = inArtifact || "Artifact".equals(mc.getTag());
        if (mc.getActualText() != null) {
            List<TextPosition> glyphs = new ArrayList<>();
            glyphsOf(mc, glyphs);
            String lang = mc.getProperties() == null ? null : mc.getProperties().getString(COSName.LANG);
            spans.add(new Span(mc.getActualText(), lang, glyphs, artifact));
            return;
        }
        for (Object o : mc.getContents()) {
            if (o instanceof PDMarkedContent inner) {
                collect(inner, spans, artifact);
            }
        }
    }

    private static void glyphsOf(PDMarkedContent mc, List<TextPosition> out) {
        for (Object o : mc.getContents()) {
            if (o instanceof TextPosition t) {
                out.add(t);
            } else if (o instanceof PDMarkedContent inner) {
                glyphsOf(inner, out);
            }
        }
    }

    /** Reads a PDF file. */
    public static PdfReadBack read(Path file) throws IOException {
        try (PDDocument doc = Loader.loadPDF(file.toFile())) {
            return new PdfReadBack(doc);
        }
    }

    public List<PageText> pages() {
        return pages;
    }

    public int pageCount() {
        return pageCount;
    }

    public String title() {
        return title;
    }

    public String lang() {
        return lang;
    }

    public boolean displayDocTitle() {
        return displayDocTitle;
    }

    /** The body text of every page in reading order, without page furniture. */
    public String body() {
        StringBuilder b = new StringBuilder();
        pages.forEach(p -> b.append(p.body()));
        return b.toString();
    }

    /** Text as compared in tests: NFC, with every whitespace character removed. */
    public static String comparable(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC).replaceAll("[\\s\\u00A0\\u202F\\u2007]", "");
    }
}
