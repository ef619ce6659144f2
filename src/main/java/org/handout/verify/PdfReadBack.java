package org.handout.verify;

import java.io.IOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFMarkedContentExtractor;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;

/**
 * What a reader gets back from a PDF, read with PDFBox: per page, the marked-content spans in
 * content-stream order with their {@code /ActualText}, and every glyph drawn inside them (also
 * those without a Unicode value, which PDFBox's text extraction would skip), plus the fonts and
 * the document metadata.
 */
public final class PdfReadBack {

    /**
     * One glyph as drawn: its code (the glyph id for our Identity-H fonts), Unicode value if any,
     * origin and advance width in page space (points), its font's name and size in page space, and
     * whether the embedded font draws nothing for it (no outline: a space, or a damaged font).
     */
    public record Glyph(int code, String unicode, float x, float y, float width, float size, String font, boolean blank) {
    }

    /**
     * A span of text: what it says ({@code /ActualText}), its {@code /Lang}, its glyphs, and
     * whether it is page furniture (inside an {@code /Artifact} sequence: footer, page number).
     */
    public record Span(String actualText, String lang, List<Glyph> glyphs, boolean artifact, int mcid) {
        /** The text of the glyphs through the fonts' ToUnicode maps, ignoring ActualText; U+FFFD where a glyph has none. */
        public String glyphText() {
            StringBuilder b = new StringBuilder();
            glyphs.forEach(g -> b.append(g.unicode() == null ? "\uFFFD" : g.unicode()));
            return b.toString();
        }
    }

    /** A page: its size in points, its spans and the fonts its resources use. */
    public record PageText(float width, float height, List<Span> spans, List<PDFont> fonts) {
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

    /** Marked-content sequence being read: its tag and properties, and the glyphs drawn in it so far. */
    private record Open(String tag, String actualText, String lang, boolean artifact, List<Glyph> glyphs, int mcid) {
    }

    /** Follows BDC/BMC/EMC and records every glyph shown into the innermost open sequence. */
    private static final class Engine extends PDFMarkedContentExtractor {
        private final Deque<Open> open = new ArrayDeque<>();
        private final List<Span> spans = new ArrayList<>();
        private final List<Glyph> outside = new ArrayList<>();

        /** Per font and code, whether the glyph has no outline; computed once per document. */
        private final java.util.Map<PDFont, java.util.Map<Integer, Boolean>> blank;

        Engine(java.util.Map<PDFont, java.util.Map<Integer, Boolean>> blank) {
            this.blank = blank;
        }

        private boolean blank(PDFont font, int code) throws IOException {
            java.util.Map<Integer, Boolean> known = blank.computeIfAbsent(font, f -> new java.util.HashMap<>());
            Boolean b = known.get(code);
            if (b == null) {
                b = font instanceof org.apache.pdfbox.pdmodel.font.PDVectorFont v && v.getPath(code).getBounds2D().isEmpty();
                known.put(code, b);
            }
            return b;
        }

        @Override
        public void beginMarkedContentSequence(COSName tag, COSDictionary properties) {
            super.beginMarkedContentSequence(tag, properties);
            boolean parentArtifact = !open.isEmpty() && open.peek().artifact();
            String name = tag == null ? "" : tag.getName();
            String actual = properties == null ? null : properties.getString(COSName.ACTUAL_TEXT);
            String lang = properties == null ? null : properties.getString(COSName.LANG);
            int mcid = properties == null ? -1 : properties.getInt(COSName.MCID, -1);
            open.push(new Open(name, actual, lang, parentArtifact || "Artifact".equals(name), new ArrayList<>(), mcid));
        }

        @Override
        public void endMarkedContentSequence() {
            super.endMarkedContentSequence();
            Open o = open.pop();
            if (o.actualText() != null) {
                spans.add(new Span(o.actualText(), o.lang(), List.copyOf(o.glyphs()), o.artifact(), o.mcid()));
            } else if (!open.isEmpty()) {
                open.peek().glyphs().addAll(o.glyphs());
            } else {
                outside.addAll(o.glyphs());
            }
        }

        @Override
        protected void showGlyph(Matrix textRenderingMatrix, PDFont font, int code, Vector displacement) throws IOException {
            super.showGlyph(textRenderingMatrix, font, code, displacement);
            float size = (float) Math.hypot(textRenderingMatrix.getScaleX(), textRenderingMatrix.getShearY());
            Glyph g = new Glyph(code, font.toUnicode(code), textRenderingMatrix.getTranslateX(),
                    textRenderingMatrix.getTranslateY(), displacement.getX() * size, size, font.getName(), blank(font, code));
            if (open.isEmpty()) {
                outside.add(g);
            } else {
                open.peek().glyphs().add(g);
            }
        }
    }

    private final List<PageText> pages;
    private final List<TagTree.Node> tags;
    private final List<String> bookmarks;
    private final List<Glyph> unmarked;
    private final String title;
    private final String lang;
    private final boolean displayDocTitle;

    private PdfReadBack(PDDocument doc) throws IOException {
        List<PageText> out = new ArrayList<>();
        List<Glyph> loose = new ArrayList<>();
        java.util.Map<PDFont, java.util.Map<Integer, Boolean>> blank = new java.util.IdentityHashMap<>();
        for (PDPage page : doc.getPages()) {
            Engine engine = new Engine(blank);
            engine.processPage(page);
            loose.addAll(engine.outside);
            List<PDFont> fonts = new ArrayList<>();
            PDResources res = page.getResources();
            for (COSName name : res.getFontNames()) {
                fonts.add(res.getFont(name));
            }
            out.add(new PageText(page.getMediaBox().getWidth(), page.getMediaBox().getHeight(), List.copyOf(engine.spans), fonts));
        }
        this.pages = List.copyOf(out);
        this.tags = TagTree.read(doc, pages);
        List<String> marks = new ArrayList<>();
        if (doc.getDocumentCatalog().getDocumentOutline() != null) {
            outline(doc.getDocumentCatalog().getDocumentOutline().children(), 0, marks);
        }
        this.bookmarks = List.copyOf(marks);
        this.unmarked = List.copyOf(loose);
        this.title = doc.getDocumentInformation().getTitle();
        this.lang = doc.getDocumentCatalog().getLanguage();
        this.displayDocTitle = doc.getDocumentCatalog().getViewerPreferences() != null
                && doc.getDocumentCatalog().getViewerPreferences().displayDocTitle();
    }

    private static void outline(Iterable<org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem> items,
                                int depth, List<String> out) {
        for (var item : items) {
            out.add("  ".repeat(depth) + item.getTitle());
            outline(item.children(), depth + 1, out);
        }
    }

    /** The bookmarks, depth first, each indented by two spaces per level. */
    public List<String> bookmarks() {
        return bookmarks;
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

    /** The tag tree, depth first (the order a screen reader reads), each element with the text of its own content. */
    public List<TagTree.Node> tags() {
        return tags;
    }

    public int pageCount() {
        return pages.size();
    }

    /** Glyphs drawn outside any span with ActualText: text a reader could not get back as written. */
    public List<Glyph> unmarkedGlyphs() {
        return unmarked;
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
        return Normalizer.normalize(s, Normalizer.Form.NFC).replaceAll("[\\s\\u00A0\\u202F\\u2007\\u00AD]", "");
    }
}
