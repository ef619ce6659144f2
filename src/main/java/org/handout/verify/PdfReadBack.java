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
 * What a reader gets back from a PDF, read with PDFBox: per page, the marked-content sequences of
 * the structure tree and of the page furniture in content-stream order, each with its text (its
 * {@code /ActualText}, or else its glyphs' ToUnicode text put in logical order as viewers do with
 * right-to-left text drawn in visual order), every glyph drawn inside it (also those without a
 * Unicode value, which PDFBox's text extraction would skip) and the shapes it fills; plus the
 * fonts and the document metadata.
 */
public final class PdfReadBack {

    /**
     * One glyph as drawn: its code, Unicode value if any, origin and advance width in page space
     * (points), its font's name and size in page space, whether the embedded font draws nothing for
     * it (no outline: a space, an empty glyph carrying text, or a damaged font), and a digest of its
     * outline in the font program, by which a test can tell which glyph of the original font it is.
     */
    public record Glyph(int code, String unicode, float x, float y, float width, float size, String font, boolean blank,
                        String outline, float[] ink) {
        /** A glyph whose ink is not known (no outline). */
        public Glyph(int code, String unicode, float x, float y, float width, float size, String font, boolean blank, String outline) {
            this(code, unicode, x, y, width, size, font, blank, outline, null);
        }
    }

    /** A digest of a glyph outline's segments (coordinates to 1/100 unit): equal outlines, equal digests. */
    public static String outline(java.awt.geom.GeneralPath path) {
        StringBuilder b = new StringBuilder();
        float[] c = new float[6];
        for (java.awt.geom.PathIterator it = path.getPathIterator(null); !it.isDone(); it.next()) {
            int type = it.currentSegment(c);
            b.append(type);
            int n = switch (type) {
                case java.awt.geom.PathIterator.SEG_MOVETO, java.awt.geom.PathIterator.SEG_LINETO -> 2;
                case java.awt.geom.PathIterator.SEG_QUADTO -> 4;
                case java.awt.geom.PathIterator.SEG_CUBICTO -> 6;
                default -> 0;
            };
            for (int i = 0; i < n; i++) {
                b.append(',').append(Math.round(c[i] * 100));
            }
            b.append(';');
        }
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
                    .digest(b.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A span of text: what it says, its {@code /Lang}, its glyphs, the bounding boxes of the shapes
     * it fills ({x0, y0, x1, y1} in points), whether it is page furniture (inside an
     * {@code /Artifact} sequence: footer, page number), its MCID, and whether it is a language
     * span nested in another (its glyphs are also its parent's).
     */
    public record Span(String text, String lang, List<Glyph> glyphs, boolean artifact, int mcid,
                       List<float[]> shapes, boolean nested) {
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
            spans.stream().filter(s -> !s.artifact() && !s.nested()).forEach(s -> b.append(s.text()));
            return b.toString();
        }

        /** The text of the page furniture (footer, page number). */
        public String furniture() {
            StringBuilder b = new StringBuilder();
            spans.stream().filter(s -> s.artifact() && !s.nested()).forEach(s -> b.append(s.text()));
            return b.toString();
        }
    }

    /** Marked-content sequence being read: its tag and properties, and the glyphs drawn in it so far. */
    private record Open(String tag, String actualText, String lang, boolean artifact, List<Glyph> glyphs, int mcid,
                        List<float[]> shapes, boolean inSpan) {
    }

    /** Follows BDC/BMC/EMC and records every glyph shown into the innermost open sequence. */
    private static final class Engine extends PDFMarkedContentExtractor {
        private final Deque<Open> open = new ArrayDeque<>();
        private final List<Span> spans = new ArrayList<>();
        private final List<Glyph> outside = new ArrayList<>();

        /** Per font and code, the glyph's outline digest ("" for none); computed once per document. */
        private final java.util.Map<PDFont, java.util.Map<Integer, String>> blank;

        Engine(java.util.Map<PDFont, java.util.Map<Integer, String>> blank) {
            this.blank = blank;
        }

        /** Per font and code, the glyph's ink in glyph space (x0, y0, x1, y1), or none for a glyph without outline. */
        private final java.util.Map<PDFont, java.util.Map<Integer, float[]>> bounds = new java.util.HashMap<>();

        private float[] bounds(PDFont font, int code) throws IOException {
            java.util.Map<Integer, float[]> known = bounds.computeIfAbsent(font, f -> new java.util.HashMap<>());
            if (!known.containsKey(code)) {
                float[] b = null;
                if (font instanceof org.apache.pdfbox.pdmodel.font.PDVectorFont v) {
                    java.awt.geom.Rectangle2D r = v.getPath(code).getBounds2D();
                    if (!r.isEmpty()) {
                        b = new float[] {(float) r.getMinX(), (float) r.getMinY(), (float) r.getMaxX(), (float) r.getMaxY()};
                    }
                }
                known.put(code, b);
            }
            return known.get(code);
        }

        /** Per font and code: "" when the glyph has no outline, else its outline's digest. */
        private String outline(PDFont font, int code) throws IOException {
            java.util.Map<Integer, String> known = blank.computeIfAbsent(font, f -> new java.util.HashMap<>());
            String o = known.get(code);
            if (o == null) {
                if (font instanceof org.apache.pdfbox.pdmodel.font.PDVectorFont v) {
                    java.awt.geom.GeneralPath path = v.getPath(code);
                    o = path.getBounds2D().isEmpty() ? "" : PdfReadBack.outline(path);
                } else {
                    o = "?";
                }
                known.put(code, o);
            }
            return o;
        }

        @Override
        public void beginMarkedContentSequence(COSName tag, COSDictionary properties) {
            super.beginMarkedContentSequence(tag, properties);
            boolean parentArtifact = !open.isEmpty() && open.peek().artifact();
            boolean inSpan = open.stream().anyMatch(o -> o.mcid() >= 0 || o.actualText() != null || o.lang() != null
                    || o.artifact() && "Span".equals(o.tag()));
            String name = tag == null ? "" : tag.getName();
            String actual = properties == null ? null : properties.getString(COSName.ACTUAL_TEXT);
            String lang = properties == null ? null : properties.getString(COSName.LANG);
            int mcid = properties == null ? -1 : properties.getInt(COSName.MCID, -1);
            open.push(new Open(name, actual, lang, parentArtifact || "Artifact".equals(name), new ArrayList<>(), mcid,
                    new ArrayList<>(), inSpan));
        }

        @Override
        public void endMarkedContentSequence() {
            super.endMarkedContentSequence();
            Open o = open.pop();
            boolean span = o.mcid() >= 0 || o.actualText() != null || o.lang() != null || o.artifact() && "Span".equals(o.tag());
            if (span) {
                String text = o.actualText() != null ? o.actualText() : logical(o.glyphs());
                spans.add(new Span(text, o.lang(), List.copyOf(o.glyphs()), o.artifact(), o.mcid(), List.copyOf(o.shapes()), o.inSpan()));
            }
            if (!span || o.inSpan()) {
                if (!open.isEmpty()) {
                    open.peek().glyphs().addAll(o.glyphs());
                    open.peek().shapes().addAll(o.shapes());
                } else if (!span) {
                    outside.addAll(o.glyphs());
                }
            }
        }

        /** Where the current path reaches, in page space: {x0, y0, x1, y1}, or null before it starts. */
        private float[] path;

        void extend(float x, float y) {
            org.apache.pdfbox.util.Matrix ctm = getGraphicsState().getCurrentTransformationMatrix();
            java.awt.geom.Point2D.Float p = ctm.transformPoint(x, y);
            if (path == null) {
                path = new float[] {p.x, p.y, p.x, p.y};
            } else {
                path[0] = Math.min(path[0], p.x);
                path[1] = Math.min(path[1], p.y);
                path[2] = Math.max(path[2], p.x);
                path[3] = Math.max(path[3], p.y);
            }
        }

        void paint(boolean fill) {
            if (fill && path != null && !open.isEmpty()) {
                open.peek().shapes().add(path);
            }
            path = null;
        }

        {
            addOperator(new PathOperator(this, "m", 2));
            addOperator(new PathOperator(this, "l", 2));
            addOperator(new PathOperator(this, "c", 6));
            addOperator(new PathOperator(this, "v", 4));
            addOperator(new PathOperator(this, "y", 4));
            addOperator(new PathOperator(this, "re", 4));
            for (String fill : new String[] {"f", "F", "f*", "b", "B", "b*", "B*"}) {
                addOperator(new PathOperator(this, fill, -1));
            }
            for (String other : new String[] {"S", "s", "n"}) {
                addOperator(new PathOperator(this, other, -2));
            }
        }

        @Override
        protected void showGlyph(Matrix textRenderingMatrix, PDFont font, int code, Vector displacement) throws IOException {
            super.showGlyph(textRenderingMatrix, font, code, displacement);
            float size = (float) Math.hypot(textRenderingMatrix.getScaleX(), textRenderingMatrix.getShearY());
            String outline = outline(font, code);
            float[] b = bounds(font, code);
            float[] ink = null;
            if (b != null) {
                // the glyph's box on the page: glyph space is thousandths of the text rendering matrix's unit
                float[] corners = {b[0] / 1000f, b[1] / 1000f, b[2] / 1000f, b[3] / 1000f};
                java.awt.geom.Point2D.Float lo = textRenderingMatrix.transformPoint(corners[0], corners[1]);
                java.awt.geom.Point2D.Float hi = textRenderingMatrix.transformPoint(corners[2], corners[3]);
                ink = new float[] {Math.min(lo.x, hi.x), Math.min(lo.y, hi.y), Math.max(lo.x, hi.x), Math.max(lo.y, hi.y)};
            }
            Glyph g = new Glyph(code, font.toUnicode(code), textRenderingMatrix.getTranslateX(),
                    textRenderingMatrix.getTranslateY(), displacement.getX() * size, size, font.getName(), outline.isEmpty(), outline, ink);
            if (open.isEmpty()) {
                outside.add(g);
            } else {
                open.peek().glyphs().add(g);
            }
        }
    }

    /** The operators that build and paint paths, for the shapes each span fills. */
    private static final class PathOperator extends org.apache.pdfbox.contentstream.operator.OperatorProcessor {
        private final String name;
        /** How many numbers the operator takes; -1 paints a fill, -2 ends a path without one. */
        private final int arity;
        private final Engine engine;

        PathOperator(Engine engine, String name, int arity) {
            super(engine);
            this.engine = engine;
            this.name = name;
            this.arity = arity;
        }

        @Override
        public void process(org.apache.pdfbox.contentstream.operator.Operator operator, List<org.apache.pdfbox.cos.COSBase> operands) {
            if (arity == -1 || arity == -2) {
                engine.paint(arity == -1);
                return;
            }
            if (operands.size() < arity || !operands.stream().allMatch(o -> o instanceof org.apache.pdfbox.cos.COSNumber)) {
                return;
            }
            float[] v = new float[arity];
            for (int i = 0; i < arity; i++) {
                v[i] = ((org.apache.pdfbox.cos.COSNumber) operands.get(i)).floatValue();
            }
            if (name.equals("re")) {
                engine.extend(v[0], v[1]);
                engine.extend(v[0] + v[2], v[1] + v[3]);
            } else {
                for (int i = 0; i + 1 < arity; i += 2) {
                    engine.extend(v[i], v[i + 1]);
                }
            }
        }

        @Override
        public String getName() {
            return name;
        }
    }

    /**
     * The text of glyphs as a viewer gives it: their ToUnicode text in drawing order (U+FFFD for a
     * glyph without one), without the right-to-left marks the writer adds for MuPDF and poppler;
     * right-to-left text, which we draw in visual order, put back in logical order with the Unicode
     * bidirectional algorithm (ICU), as pdf.js, PDFium and MuPDF do.
     */
    static String logical(List<Glyph> glyphs) {
        StringBuilder b = new StringBuilder();
        java.util.BitSet ours = new java.util.BitSet();
        for (Glyph g : glyphs) {
            if ("\u200F".equals(g.unicode()) && g.blank() && g.width() == 0) {
                // a right-to-left mark of our own, on an empty glyph of its own: first in each
                // right-to-left line (for MuPDF), before a separator (for poppler) and around a
                // number (see pdf/PdfExporter). It takes part in putting the line back in order, as
                // in PDFium, poppler and MuPDF (a number after it stays a number, not Arabic
                // digits whose hyphens would reorder its groups), and is then left out.
                ours.set(b.length());
            }
            b.append(g.unicode() == null ? "\uFFFD" : g.unicode());
        }
        String visual = b.toString();
        if (!com.ibm.icu.text.Bidi.requiresBidi(visual.toCharArray(), 0, visual.length())) {
            return ours.isEmpty() ? visual : without(visual, ours);
        }
        com.ibm.icu.text.Bidi bidi = new com.ibm.icu.text.Bidi(visual, com.ibm.icu.text.Bidi.RTL);
        // the reordered text, char by char from the line's own (no character added or removed, so
        // the visual map says where each came from)
        int[] from = bidi.getVisualMap();
        StringBuilder out = new StringBuilder(visual.length());
        for (int k : from) {
            if (k >= 0 && !ours.get(k)) {
                out.append(visual.charAt(k));
            }
        }
        // getVisualMap reverses the UTF-16 units of a right-to-left run: put surrogate pairs back in order
        for (int i = 0; i + 1 < out.length(); i++) {
            if (Character.isLowSurrogate(out.charAt(i)) && Character.isHighSurrogate(out.charAt(i + 1))) {
                char low = out.charAt(i);
                out.setCharAt(i, out.charAt(i + 1));
                out.setCharAt(i + 1, low);
                i++;
            }
        }
        return out.toString();
    }

    private static String without(String s, java.util.BitSet drop) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (!drop.get(i)) {
                out.append(s.charAt(i));
            }
        }
        return out.toString();
    }

    private final List<PageText> pages;
    private final List<TagTree.Node> tags;
    private final List<String> bookmarks;
    private final List<Glyph> unmarked;
    private final String title;
    private final String lang;
    private final String leaflet;
    private final boolean displayDocTitle;

    private PdfReadBack(PDDocument doc) throws IOException {
        List<PageText> out = new ArrayList<>();
        List<Glyph> loose = new ArrayList<>();
        java.util.Map<PDFont, java.util.Map<Integer, String>> blank = new java.util.IdentityHashMap<>();
        for (PDPage page : doc.getPages()) {
            Engine engine = new Engine(blank);
            engine.processPage(page);
            loose.addAll(engine.outside);
            List<PDFont> fonts = new ArrayList<>();
            PDResources res = page.getResources();
            for (COSName name : res == null ? java.util.List.<COSName>of() : res.getFontNames()) {
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
        this.leaflet = leafletOf(doc);
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

    /** Glyphs drawn outside any tagged or furniture sequence: text a screen reader would not find in the structure. */
    public List<Glyph> unmarkedGlyphs() {
        return unmarked;
    }

    public String title() {
        return title;
    }

    public String lang() {
        return lang;
    }

    /** The leaflet's id as its XMP metadata names it ({@code handout:leaflet}), or null when it names none. */
    public String leaflet() {
        return leaflet;
    }

    private static String leafletOf(PDDocument doc) {
        org.apache.pdfbox.pdmodel.common.PDMetadata m = doc.getDocumentCatalog().getMetadata();
        if (m == null) {
            return null;
        }
        try (java.io.InputStream in = m.exportXMPMetadata()) {
            String xmp = new String(in.readNBytes(1 << 20), java.nio.charset.StandardCharsets.UTF_8);
            java.util.regex.Matcher x = java.util.regex.Pattern.compile("<handout:leaflet>([a-z0-9-]{1,64})</handout:leaflet>").matcher(xmp);
            return x.find() ? x.group(1) : null;
        } catch (IOException e) {
            return null;
        }
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
