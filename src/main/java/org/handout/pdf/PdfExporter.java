package org.handout.pdf;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.GregorianCalendar;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.handout.doc.Leaflet;
import org.handout.layout.Face;
import org.handout.layout.Item;
import org.handout.layout.LaidOut;
import org.handout.layout.Page;
import org.handout.layout.Tag;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.PdfArray;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfDate;
import org.openpdf.text.pdf.PdfDictionary;
import org.openpdf.text.pdf.PdfDestination;
import org.openpdf.text.pdf.PdfName;
import org.openpdf.text.pdf.PdfOutline;
import org.openpdf.text.pdf.PdfStructureElement;
import org.openpdf.text.pdf.PdfString;
import org.openpdf.text.pdf.PdfWriter;

/**
 * Writes laid-out pages as tagged PDF with OpenPDF. Text is drawn as the glyphs layout shaped and
 * placed (never re-shaped here), each run one text object in a marked-content sequence of its
 * structure element (H1, P, LBody, TD…; a run in another language a Span with its /Lang); page
 * furniture is an {@code /Artifact}. The codes drawn are our own ({@link EmbeddedFonts}: one per
 * glyph and the text it stands for, dealt out by {@link GlyphTexts}), so every reader gets the text
 * from ToUnicode, in reading order; marks, and glyphs that cannot carry text of their own, are drawn
 * as shapes with their text on empty glyphs; a line with right-to-left text is drawn in visual
 * order in one font (docs/readers.md says why, reader by reader). The structure tree follows the
 * layout's {@link Tag} tree; headings become bookmarks. {@link Archival} writes the fonts
 * and what completes the file as PDF/A-2u and PDF/UA-1, with reproducible bytes, in the same pass
 * ({@link LeafletWriter}).
 */
public final class PdfExporter {
    /** Positions closer than this (points) are treated as where the viewer's pen already is. */
    private static final float EPSILON = 0.01f;
    private static final PdfName ARTIFACT = new PdfName("Artifact");
    /**
     * How far inside the glyph it goes with (thousandths of an em) the empty glyph carrying a mark's
     * text is drawn: close enough that PDFBox and poppler join the mark to that glyph, not to its
     * neighbour, and too little for PDFium, MuPDF or pdf.js to see a gap.
     */
    private static final float CARRIER_INSIDE = 20;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static final PdfName ASIDE = new PdfName("Aside");

    private final String creator;

    /** {@code creator} names the tool and version in the PDF metadata. */
    public PdfExporter(String creator) {
        this.creator = creator;
    }

    /**
     * What a leaflet's PDF says about itself beyond its text: the time it claims to have been made
     * (the edition's date, or {@code SOURCE_DATE_EPOCH}), and for the XMP metadata the English
     * edition it came from and its translation status ("source", "draft", "reviewed").
     */
    public record Stamp(Instant date, String edition, String translation) {
    }

    /** The PDF bytes of a laid-out leaflet, dated by its edition. */
    public byte[] export(LaidOut laidOut) {
        LocalDate revised = laidOut.leaflet().revised();
        return export(laidOut, new Stamp(revised.atStartOfDay(ZoneOffset.UTC).toInstant(), revised.toString(), "source"));
    }

    /** The PDF bytes of a laid-out leaflet: tagged, PDF/A-2u and PDF/UA-1, the same bytes for the same input. */
    public byte[] export(LaidOut laidOut, Stamp stamp) {
        Leaflet leaflet = laidOut.leaflet();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        Page first = laidOut.pages().get(0);
        Document document = new Document(new Rectangle(first.width(), first.height()), 0, 0, 0, 0);
        try {
            LeafletWriter writer = LeafletWriter.of(document, bytes);
            Job job = new Job(writer);
            writer.setPdfVersion(PdfWriter.VERSION_1_7); // the header; PDF/A-2 and PDF/UA-1 are PDF 1.7 (ISO 32000-1) standards
            writer.setFullCompression();
            writer.setViewerPreferences(PdfWriter.DisplayDocTitle | PdfWriter.PageModeUseOutlines);
            writer.setTagged();
            writer.getExtraCatalog().put(PdfName.LANG, new PdfString(leaflet.lang()));
            // (MarkInfo /Suspects is left out: absent means false, and poppler 22 misreads an explicit false)
            document.addTitle(leaflet.title());
            document.addKeywords(leaflet.keywords());
            document.addCreator(creator);
            document.open();
            writer.getStructureTreeRoot().mapRole(ASIDE, PdfName.DIV);
            String producer = creator + " (OpenPDF)";
            writer.getInfo().put(PdfName.PRODUCER, new PdfString(producer));
            PdfDate date = pdfDate(stamp.date());
            writer.getInfo().put(PdfName.CREATIONDATE, date);
            writer.getInfo().put(PdfName.MODDATE, date);
            writer.setXmpMetadata(Archival.xmp(leaflet, stamp, producer, creator));
            writer.getExtraCatalog().put(PdfName.OUTPUTINTENTS, Archival.outputIntents(writer));
            writer.setFileId(Archival.fileId(leaflet, stamp, creator, laidOut.pages()));
            job.structure(laidOut.tags());
            for (int i = 0; i < laidOut.pages().size(); i++) {
                Page page = laidOut.pages().get(i);
                if (i > 0) {
                    document.setPageSize(new Rectangle(page.width(), page.height()));
                    document.newPage();
                }
                writer.setPageEmpty(false);
                PdfContentByte cb = writer.getDirectContent();
                List<Item> items = page.items();
                for (int k = 0; k < items.size(); k++) {
                    switch (items.get(k)) {
                        case Item.Rect r -> rect(cb, r);
                        case Item.Glyphs g -> {
                            int end = k + 1;
                            while (end < items.size() && items.get(end) instanceof Item.Glyphs next && sameLine(g, next)) {
                                end++;
                            }
                            List<Item.Glyphs> line = items.subList(k, end).stream().map(Item.Glyphs.class::cast).toList();
                            if (line.size() > 1 && line.stream().anyMatch(GlyphTexts::rightToLeft)) {
                                job.rightToLeftLine(cb, line);
                            } else {
                                line.forEach(x -> job.glyphs(cb, x));
                            }
                            k = end - 1;
                        }
                        case Item.Image im -> job.image(cb, im);
                    }
                }
            }
            job.linkTargets();
            job.writeFonts();
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("OpenPDF refused the document: " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("OpenPDF could not write the PDF", e);
        }
        return bytes.toByteArray();
    }

    private static PdfDate pdfDate(Instant t) {
        GregorianCalendar c = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        c.setTimeInMillis(t.toEpochMilli());
        return new PdfDate(c);
    }

    /** The state of writing one document: its writer, structure elements, bookmarks and the text of every glyph used. */
    private final class Job {
        private final LeafletWriter writer;
        /** The reference each face's font is written under once every page is drawn. */
        private final Map<EmbeddedFonts.Used, org.openpdf.text.pdf.PdfIndirectReference> fontRefs = new java.util.LinkedHashMap<>();

        Job(LeafletWriter writer) {
            this.writer = writer;
        }

        /** Writes every face's font under the reference its pages name. */
        void writeFonts() throws java.io.IOException {
            for (Map.Entry<EmbeddedFonts.Used, org.openpdf.text.pdf.PdfIndirectReference> e : fontRefs.entrySet()) {
                Archival.font(writer, e.getKey(), e.getValue());
            }
        }

        private final Map<Tag, PdfStructureElement> elements = new IdentityHashMap<>();
        private final java.util.Set<Tag> bookmarked = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        private PdfOutline titleOutline;

        /** Creates the structure elements in the tree's (reading) order before any page is drawn. */
        void structure(Tag root) {
            PdfStructureElement doc = new PdfStructureElement(writer.getStructureTreeRoot(), PdfName.DOCUMENT);
            elements.put(root, doc);
            for (Tag kid : root.kids()) {
                create(kid, doc);
            }
        }

        private void create(Tag tag, PdfStructureElement parent) {
            PdfStructureElement e = new PdfStructureElement(parent, new PdfName(tag.role()));
            tag.alt().ifPresent(alt -> e.put(PdfName.ALT, textString(alt)));
            if (tag.isNumbered()) {
                PdfDictionary attributes = new PdfDictionary();
                attributes.put(PdfName.O, new PdfName("List"));
                attributes.put(new PdfName("ListNumbering"), new PdfName("Decimal"));
                e.put(PdfName.A, attributes);
            }
            tag.scope().ifPresent(scope -> {
                PdfDictionary attributes = new PdfDictionary();
                attributes.put(PdfName.O, new PdfName("Table"));
                attributes.put(new PdfName("Scope"), new PdfName(scope));
                e.put(PdfName.A, attributes);
            });
            elements.put(tag, e);
            for (Tag kid : tag.kids()) {
                create(kid, e);
            }
        }

        void glyphs(PdfContentByte cb, Item.Glyphs shaped) {
            Item.Glyphs g = visible(shaped);
            begin(cb, g);
            draw(cb, List.of(g), g.face(), GlyphTexts.rightToLeft(g));
            end(cb, g);
            if (g.link() != null && !g.artifact()) {
                annotate(g);
            }
        }

        /** The {@code Link} structure element of each link, made when its first words are drawn (so it reads in its place). */
        private final Map<org.handout.doc.Inline.Link, PdfStructureElement> links = new IdentityHashMap<>();
        /** Each link element's annotations, as object references with their page, added to it once every page is drawn. */
        private final Map<PdfStructureElement, List<PdfDictionary>> linkAnnotations = new java.util.LinkedHashMap<>();

        private PdfStructureElement link(Item.Glyphs g) {
            lastSpan = null; // words after a link are a new span
            return links.computeIfAbsent(g.link(), l -> new PdfStructureElement(elements.get(g.tag()), new PdfName("Link")));
        }

        /**
         * The {@code Span} of words of an element that holds a link, outside the link: one for each
         * stretch between links (and per language), made as the words are drawn, in reading order.
         */
        private PdfStructureElement span(Item.Glyphs g) {
            if (lastSpan == null || lastSpanTag != g.tag() || !java.util.Objects.equals(g.lang(), lastSpanLang)) {
                lastSpan = new PdfStructureElement(elements.get(g.tag()), PdfName.SPAN);
                if (g.lang() != null) {
                    lastSpan.put(PdfName.LANG, new PdfString(g.lang()));
                }
                lastSpanTag = g.tag();
                lastSpanLang = g.lang();
            }
            return lastSpan;
        }

        /**
         * A link annotation over one line's words of a link: no border, printed (PDF/A), with its
         * words and address as its description (PDF/UA), and tied to the link's structure element
         * both ways ({@code /StructParent} and an object reference among the element's kids).
         */
        private void annotate(Item.Glyphs g) {
            PdfStructureElement e = links.get(g.link());
            float below = g.size() * 0.28f;
            Rectangle box = new Rectangle(g.x(), g.y() - below, g.x() + g.width(), g.y() - below + g.size() * 1.2f);
            org.openpdf.text.pdf.PdfAnnotation a = org.openpdf.text.pdf.PdfAnnotation.createLink(writer, box,
                    org.openpdf.text.pdf.PdfAnnotation.HIGHLIGHT_INVERT, new org.openpdf.text.pdf.PdfAction(g.link().url()));
            a.setBorder(new org.openpdf.text.pdf.PdfBorderArray(0, 0, 0));
            a.setFlags(org.openpdf.text.pdf.PdfAnnotation.FLAGS_PRINT);
            a.put(PdfName.CONTENTS, textString(g.link().text() + " (" + g.link().url() + ")"));
            int key = writer.getStructureTreeRoot().addExistingObject(e.getReference());
            a.put(PdfName.STRUCTPARENT, new org.openpdf.text.pdf.PdfNumber(key));
            writer.addAnnotation(a);
            PdfDictionary objr = new PdfDictionary(new PdfName("OBJR"));
            objr.put(PdfName.OBJ, a.getIndirectReference());
            objr.put(PdfName.PG, writer.getCurrentPage());
            linkAnnotations.computeIfAbsent(e, x -> new java.util.ArrayList<>()).add(objr);
        }

        /** Adds each link's annotations to its element's kids, after its words (OpenPDF refuses words after an object reference). */
        void linkTargets() {
            linkAnnotations.forEach((e, objrs) -> {
                org.openpdf.text.pdf.PdfObject k = e.get(PdfName.K);
                PdfArray kids;
                if (k instanceof PdfArray arr) {
                    kids = arr;
                } else {
                    kids = new PdfArray();
                    if (k != null) {
                        kids.add(k);
                    }
                    e.put(PdfName.K, kids);
                }
                objrs.forEach(kids::add);
            });
        }

        /**
         * Opens the marked-content sequence of a run (or of a line of runs, given its first): page
         * furniture is an {@code /Artifact} holding a {@code /Span}, content is a sequence of its
         * structure element (a foreign-language run's own {@code Span}), with {@code /Lang} when the
         * run's language is not the page's.
         */
        private void begin(PdfContentByte cb, Item.Glyphs g) {
            PdfDictionary properties = new PdfDictionary();
            if (g.lang() != null) {
                properties.put(PdfName.LANG, new PdfString(g.lang()));
            }
            if (g.artifact()) {
                PdfDictionary artifact = new PdfDictionary();
                artifact.put(PdfName.TYPE, new PdfName("Pagination"));
                cb.beginMarkedContentSequence(ARTIFACT, artifact, true);
                cb.beginMarkedContentSequence(PdfName.SPAN, properties, true);
            } else {
                bookmark(g);
                cb.beginMarkedContentSequence(g.link() != null ? link(g) : g.tag().isMixed() ? span(g)
                        : g.lang() == null ? elements.get(g.tag()) : foreign(g), properties);
            }
        }

        /** Closes what {@link #begin} opened. */
        private static void end(PdfContentByte cb, Item.Glyphs g) {
            cb.endMarkedContentSequence();
            if (g.artifact()) {
                cb.endMarkedContentSequence();
            }
        }

        /**
         * A line of several runs with right-to-left text in it (Arabic or Hebrew with punctuation,
         * digits or a name in another face) as readers expect it: in one marked-content sequence,
         * its runs from left to right, all in the font of the line's right-to-left text. The runs in
         * other faces are drawn as shapes, their text carried by empty glyphs of that font as wide
         * as their glyphs. A reader then meets one line of one font in visual order, which pdf.js,
         * PDFium, poppler and MuPDF all turn back into logical order; a change of font in the middle
         * would end pdf.js's text item there and leave the items in drawing order, and PDFium and
         * poppler misplace the neutral characters of a run of their own. A line whose runs belong
         * to different structure elements or languages keeps them apart, in logical order, so the
         * tag tree reads them in order.
         */
        void rightToLeftLine(PdfContentByte cb, List<Item.Glyphs> shaped) {
            List<Item.Glyphs> line = shaped.stream().map(this::visible).toList();
            Item.Glyphs first = line.get(0);
            if (!line.stream().allMatch(x -> x.tag() == first.tag() && x.link() == first.link()
                    && java.util.Objects.equals(x.lang(), first.lang()))) {
                shaped.forEach(x -> glyphs(cb, x));
                return;
            }
            Face main = line.stream().filter(GlyphTexts::rightToLeft).findFirst().orElseThrow().face();
            List<Item.Glyphs> visual = new java.util.ArrayList<>(line);
            visual.sort(java.util.Comparator.comparingDouble(x -> x.x() + (x.dx().length == 0 ? 0 : x.dx()[0])));
            begin(cb, first);
            draw(cb, visual, main, true);
            end(cb, first);
        }

        /** The last foreign-language span made, and the element and language it was made for. */
        private PdfStructureElement lastSpan;
        private Tag lastSpanTag;
        private String lastSpanLang;

        /**
         * The structure element of a run in another language than the page's: a {@code Span} with
         * its {@code /Lang} inside the run's element (a screen reader switches voice on the element,
         * and pdf.js's structure tree shows it there), one for consecutive runs of one language.
         */
        private PdfStructureElement foreign(Item.Glyphs g) {
            if (lastSpan == null || lastSpanTag != g.tag() || !g.lang().equals(lastSpanLang)) {
                lastSpan = new PdfStructureElement(elements.get(g.tag()), PdfName.SPAN);
                lastSpan.put(PdfName.LANG, new PdfString(g.lang()));
                lastSpanTag = g.tag();
                lastSpanLang = g.lang();
            }
            return lastSpan;
        }

        /** An image, inside its figure's marked content (the figure carries the alternative text). */
        void image(PdfContentByte cb, Item.Image im) {
            try {
                org.openpdf.text.Image img = PreparedImages.of(im.bytes());
                img.scaleAbsolute(im.width(), im.height());
                img.setAbsolutePosition(im.x(), im.y());
                PdfStructureElement figure = elements.get(im.tag());
                PdfArray box = new PdfArray(new float[] {im.x(), im.y(), im.x() + im.width(), im.y() + im.height()});
                PdfDictionary layout = new PdfDictionary();
                layout.put(PdfName.O, new PdfName("Layout"));
                layout.put(new PdfName("BBox"), box);
                figure.put(PdfName.A, layout);
                cb.beginMarkedContentSequence(figure, new PdfDictionary());
                cb.addImage(img);
                cb.endMarkedContentSequence();
            } catch (DocumentException | java.io.IOException e) {
                throw new IllegalStateException("OpenPDF cannot place the logo: " + e.getMessage(), e);
            }
        }

        /** The title and section headings become bookmarks, at the first line of each. */
        private void bookmark(Item.Glyphs g) {
            Tag t = g.tag();
            int level = t.headingLevel();
            if (level == 0 || level > 2 || !bookmarked.add(t)) {
                return;
            }
            PdfDestination at = new PdfDestination(PdfDestination.XYZ, 0, g.y() + g.size() * 1.5f, 0);
            if (level == 1 || titleOutline == null) {
                titleOutline = new PdfOutline(writer.getRootOutline(), at, t.title().orElse(g.text()), true);
            } else {
                new PdfOutline(titleOutline, at, t.title().orElse(g.text()), true);
            }
        }

        /**
         * The glyphs with every invisible glyph the shaper returned (the JDK's 0xFFFF, for a joiner,
         * a direction mark, a zero width space) replaced by the font's own empty glyph for that
         * character, or left out where the font has none that draws nothing with no advance (Noto's
         * Devanagari, Bengali, Naskh, Hebrew and Thai faces draw a visible mark for ZWJ and ZWNJ, for
         * editors that show them). No glyph id the font lacks reaches the PDF. The character stays
         * in the run's text either way: a glyph without width, it is carried like a mark (see
         * {@link #draw}); left out, its cluster's text still holds it.
         */
        private Item.Glyphs visible(Item.Glyphs g) {
            int[] ids = g.glyphs();
            int n = ids.length;
            boolean clean = true;
            for (int id : ids) {
                clean &= g.face().isGlyph(id);
            }
            if (clean) {
                return g;
            }
            String text = g.text();
            int[] starts = g.clusters().clone();
            java.util.Arrays.sort(starts);
            int[] glyphs = new int[n];
            float[] dx = new float[n];
            float[] dy = new float[n];
            int[] clusters = new int[n];
            Map<Integer, Integer> taken = new java.util.HashMap<>(); // per cluster, the invisible characters given a glyph so far
            int k = 0;
            for (int i = 0; i < n; i++) {
                int id = ids[i];
                if (!g.face().isGlyph(id)) {
                    int cluster = g.clusters()[i];
                    int nth = taken.merge(cluster, 1, Integer::sum) - 1;
                    int cp = invisibleCharacter(text, cluster, clusterEnd(starts, cluster, text.length()), nth);
                    id = cp < 0 ? -1 : g.face().glyphFor(cp);
                    if (id <= 0 || !g.face().drawsNothing(id)) {
                        continue;
                    }
                }
                glyphs[k] = id;
                dx[k] = g.dx()[i];
                dy[k] = g.dy()[i];
                clusters[k] = g.clusters()[i];
                k++;
            }
            return new Item.Glyphs(g.face(), g.size(), g.rgb(), g.x(), g.y(), java.util.Arrays.copyOf(glyphs, k),
                    java.util.Arrays.copyOf(dx, k), java.util.Arrays.copyOf(dy, k), g.text(), g.lang(),
                    java.util.Arrays.copyOf(clusters, k), g.tag(), g.link(), g.width());
        }

        private static int clusterEnd(int[] sortedStarts, int start, int length) {
            for (int s : sortedStarts) {
                if (s > start) {
                    return s;
                }
            }
            return length;
        }

        /** The {@code nth} character with nothing to draw (default-ignorable) in text[from, to), or -1. */
        private static int invisibleCharacter(String text, int from, int to, int nth) {
            int seen = 0;
            for (int i = Math.max(0, from); i < Math.min(to, text.length()); ) {
                int cp = text.codePointAt(i);
                if (UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)
                        && seen++ == nth) {
                    return cp;
                }
                i += Character.charCount(cp);
            }
            return -1;
        }

        /** The codes of every face drawn. */
        final EmbeddedFonts fonts = new EmbeddedFonts();

        /**
         * Draws runs as one text object: the font, the first glyph's position, then every glyph by
         * its code with {@code TJ} adjustments from where the viewer's pen already is (a text rise
         * for a glyph with width off the baseline). A glyph that stands for no text of its own, and
         * a mark (a glyph without width), is drawn as a shape after the text object, its text
         * carried by an empty glyph (see {@link GlyphTexts}). Runs in another face than
         * {@code main} are drawn as shapes, their text carried by empty glyphs of {@code main} as
         * wide as theirs. In a line with right-to-left text, empty glyphs carrying U+200F where
         * MuPDF, poppler and PDFium need them (see docs/readers.md).
         */
        void draw(PdfContentByte cb, List<Item.Glyphs> runs, Face main, boolean rightToLeftLine) {
            EmbeddedFonts.Used font = fonts.of(main);
            writer.useFont(new PdfName(font.resource), fontRefs.computeIfAbsent(font, f -> writer.getPdfIndirectReference()));
            StringBuilder ops = new StringBuilder(64 + runs.stream().mapToInt(r -> r.glyphs().length).sum() * 12);
            StringBuilder shapes = new StringBuilder();
            ops.append("BT\n");
            Pen pen = null;
            float size = -1;
            int rgb = -1;
            for (int r = 0; r < runs.size(); r++) {
                Item.Glyphs g = runs.get(r);
                boolean carried = g.face() != main;
                GlyphTexts.Piece[] pieces = GlyphTexts.of(g, fonts.of(g.face())::characters, rightToLeftLine);
                int[] ids = g.glyphs();
                float scale = g.size() / 1000f;
                int first = -1;
                for (int i = 0; i < ids.length && first < 0; i++) {
                    first = pieces[i].own() != null ? i : -1;
                }
                if (pen != null && (g.rgb() != rgb || g.size() != size)) {
                    pen.flush();
                }
                if (g.rgb() != rgb) {
                    rgb = g.rgb();
                    ops.append(color(rgb)).append(" rg\n");
                }
                if (g.size() != size) {
                    size = g.size();
                    ops.append('/').append(font.resource).append(' ').append(number(size)).append(" Tf\n");
                }
                if (first >= 0) {
                    if (pen == null) {
                        pen = new Pen(ops, g.x() + g.dx()[first]);
                        ops.append("1 0 0 1 ").append(number(pen.x)).append(' ').append(number(g.y())).append(" Tm\n");
                        if (rightToLeftLine) {
                            // MuPDF takes a neutral character's direction from the character before it,
                            // and starts each text object left to right: a right-to-left mark first
                            // keeps a full stop at the left end of the line (its logical end) with it
                            pen.zeroWidth(font.carrier(0, "\u200F"));
                        }
                    }
                    pen.scale = scale;
                    // a number or a Latin word inside a right-to-left line, between right-to-left marks:
                    // PDFium and poppler then keep the punctuation around it on the right side
                    // (runs next to each other, such as a digit and a letter of two faces in "4S", are one stretch)
                    boolean embedded = rightToLeftLine && !GlyphTexts.rightToLeft(g, true);
                    boolean opens = embedded && (r == 0 || GlyphTexts.rightToLeft(runs.get(r - 1), true));
                    boolean closes = embedded && (r == runs.size() - 1 || GlyphTexts.rightToLeft(runs.get(r + 1), true));
                    if (opens) {
                        pen.moveTo(g.x() + g.dx()[first], pen.rise());
                        pen.zeroWidth(font.carrier(0, "\u200F"));
                    }
                    // text without a glyph of its own sits just inside the glyph it goes with: the one
                    // before it in a left-to-right run, the one after it in a right-to-left run
                    float inside = (GlyphTexts.rightToLeft(g, rightToLeftLine) ? CARRIER_INSIDE : -CARRIER_INSIDE) * scale;
                    StringBuilder marksText = new StringBuilder();
                    for (int i = 0; i < ids.length; i++) {
                        GlyphTexts.Piece p = pieces[i];
                        if (p.own() == null) {
                            shape(shapes, outlines, g, i);
                            continue;
                        }
                        float advance = g.face().pdfAdvance(ids[i]);
                        if (p.through() >= 0) {
                            // glyphs that cannot share out their text: shapes, and one empty glyph as wide as them all
                            if (p.before() != null) {
                                marksText.append(p.before());
                            }
                            carryMarks(pen, font, marksText, inside);
                            pen.moveTo(g.x() + g.dx()[i], 0);
                            int end = p.through();
                            float right = g.dx()[i];
                            for (int k = i; k <= end; k++) {
                                right = Math.max(right, g.dx()[k] + g.face().pdfAdvance(ids[k]) * scale);
                                shape(shapes, outlines, g, k);
                            }
                            int width = Math.round((right - g.dx()[i]) / scale);
                            pen.show(font.carrier(width, p.own()), width);
                            pen.afterSpace = false;
                            if (p.after() != null) {
                                marksText.append(p.after());
                            }
                            i = end;
                            continue;
                        }
                        if (carried && advance != 0) {
                            // a glyph of another face: a shape, its text on an empty glyph as wide;
                            // what glyphs without width before it carry goes first, as in the main face
                            if (rightToLeftLine && marksText.length() > 0 && marksText.codePoints().noneMatch(GlyphTexts::isMark)
                                    && p.before() == null && p.after() == null && p.own().codePoints().count() == 1) {
                                lettersOnShares(pen, font, marksText, p.own(), g, i, Math.round(advance));
                                shape(shapes, outlines, g, i);
                                continue;
                            }
                            carryMarks(pen, font, marksText, inside);
                            pen.moveTo(g.x() + g.dx()[i], 0);
                            String all = java.util.Objects.toString(p.before(), "") + p.own() + java.util.Objects.toString(p.after(), "");
                            int width = Math.round(advance);
                            if (rightToLeftLine) {
                                separator(pen, font, all);
                            }
                            pen.show(font.carrier(width, all), width);
                            pen.afterSpace = all.isBlank();
                            shape(shapes, outlines, g, i);
                            continue;
                        }
                        if (advance == 0) {
                            // a mark: drawn as a shape where the shaper put it, its text on the baseline
                            marksText.append(p.own());
                            shape(shapes, outlines, g, i);
                            continue;
                        }
                        if (p.before() != null) {
                            marksText.append(p.before());
                        }
                        String own = p.own();
                        if (rightToLeftLine && marksText.length() > 0 && marksText.codePoints().noneMatch(GlyphTexts::isMark)
                                && own.codePoints().count() == 1) {
                            // letters without width before this glyph (the alef of Naskh's lam-alef, drawn on
                            // the lam): pdf.js reads a letter on an empty glyph as a word of its own, and PDFBox
                            // keeps the characters of one glyph in their order when it reverses a line; so
                            // this glyph is a shape too, and each letter gets an empty glyph with a share of
                            // its width
                            lettersOnShares(pen, font, marksText, own, g, i, Math.round(advance));
                            shape(shapes, outlines, g, i);
                            continue;
                        }
                        carryMarks(pen, font, marksText, inside);
                        pen.moveTo(g.x() + g.dx()[i], g.dy()[i]);
                        if (rightToLeftLine) {
                            separator(pen, font, own);
                        }
                        pen.show(font.code(ids[i], own), advance);
                        pen.afterSpace = own.isBlank();
                        if (p.after() != null) {
                            marksText.append(p.after());
                        }
                        float spacing = spacingForShapes(g, pieces, i, pen.x - g.x());
                        if (Math.abs(spacing) >= EPSILON) {
                            // the shapes after this glyph take room: a reader sees it as part of this
                            // glyph's advance (character spacing), not as a gap between words
                            pen.spacing(spacing);
                        }
                    }
                    carryMarks(pen, font, marksText, inside);
                    if (closes) {
                        pen.zeroWidth(font.carrier(0, "\u200F"));
                    }
                } else {
                    for (int i = 0; i < ids.length; i++) {
                        shape(shapes, outlines, g, i);
                    }
                }
            }
            if (pen != null) {
                pen.end();
            }
            ops.append("ET\n").append(shapes);
            cb.setLiteral(ops.toString());
        }

        /**
         * Letters without width met before glyph {@code i} (Naskh's lam-alef: the alef drawn on the
         * lam) and the glyph's own letter, each on an empty glyph with a share of its {@code advance}.
         */
        private static void lettersOnShares(Pen pen, EmbeddedFonts.Used font, StringBuilder marksText, String own,
                                            Item.Glyphs g, int i, int advance) {
            int[] letters = (marksText + own).codePoints().toArray();
            marksText.setLength(0);
            pen.moveTo(g.x() + g.dx()[i], 0);
            int share = Math.round((float) advance / letters.length);
            for (int k = 0; k < letters.length; k++) {
                int w = k == letters.length - 1 ? advance - share * (letters.length - 1) : share;
                pen.show(font.carrier(w, new String(letters, k, 1)), w);
            }
            pen.afterSpace = false;
        }

        /**
         * The text of the marks (and of the rest of a conjunct) met since the last glyph with width,
         * on one empty glyph just inside the glyph it goes with: one, so that PDFBox, which joins
         * each mark to its base as it meets it, keeps stacked marks (Thai ื้) in their order.
         */
        private static void carryMarks(Pen pen, EmbeddedFonts.Used font, StringBuilder marks, float inside) {
            if (marks.length() > 0) {
                pen.carry(font.carrier(0, marks.toString()), inside);
                marks.setLength(0);
            }
        }

        /**
         * Before a comma, full stop or colon that follows a space (in drawing order: ends a word and
         * is followed by a space in reading order), a right-to-left mark: poppler takes
         * {@code , . :} for parts of a number, reads them and the space after them as left-to-right
         * text, and prints «X, Y» as «X ,Y»; the mark ends that left-to-right stretch at the
         * punctuation. (Other readers drop the mark or give it back invisible.)
         */
        private static void separator(Pen pen, EmbeddedFonts.Used font, String text) {
            if ((text.equals(",") || text.equals(".") || text.equals(":") || text.equals("\u060C")) && pen.afterSpace) {
                pen.zeroWidth(font.carrier(0, "\u200F"));
            }
        }

        private static String color(int rgb) {
            return number((rgb >> 16 & 0xFF) / 255f) + " " + number((rgb >> 8 & 0xFF) / 255f) + " " + number((rgb & 0xFF) / 255f);
        }

        /**
         * Where the viewer's pen is in a text object, in points from the run's first glyph, and the
         * TJ array being written: glyphs by code, with adjustments where a glyph is not where the
         * pen already is, and a text rise for a glyph off the baseline.
         */
        private static final class Pen {
            private final StringBuilder ops;
            private final StringBuilder tj = new StringBuilder("[");
            /** Points per thousandth of an em at the current font size. */
            float scale;
            /** Where the pen is on the page, in points. */
            float x;
            private float rise;

            Pen(StringBuilder ops, float x) {
                this.ops = ops;
                this.x = x;
            }

            void moveTo(float targetX, float targetY) {
                float gap = (x - targetX) / scale;
                if (Math.abs(gap) >= 0.005f) {
                    String adjust = number(gap);
                    tj.append(adjust).append(' ');
                    x -= Float.parseFloat(adjust) * scale;
                }
                if (Math.abs(targetY - rise) >= EPSILON) {
                    flush();
                    rise = targetY;
                    ops.append(number(rise)).append(" Ts\n");
                }
            }

            /** Shows a code whose glyph is {@code advance} wide as if it were {@code width} wide (horizontal scaling). */
            void stretched(int code, float advance, float width) {
                flush();
                ops.append(number(100 * width / advance)).append(" Tz\n");
                show(code, width);
                flush();
                ops.append("100 Tz\n");
            }

            /** Shows a code of the empty glyph {@code offset} points from the pen, the rise unchanged. */
            void carry(int code, float offset) {
                float back = x;
                moveTo(x + offset, rise);
                show(code, 0);
                moveTo(back, rise);
            }

            /** Shows a code without width where the pen is. */
            void zeroWidth(int code) {
                show(code, 0);
            }

            float rise() {
                return rise;
            }

            /** Whether the last code shown stood for a space. */
            boolean afterSpace;

            void show(int code, float advance) {
                tj.append('<').append(HEX[code >> 12 & 15]).append(HEX[code >> 8 & 15]).append(HEX[code >> 4 & 15]).append(HEX[code & 15]).append('>');
                x += advance * scale;
            }

            /** Character spacing after the last glyph shown. */
            void spacing(float points) {
                // the last code moves into its own TJ, shown with the spacing
                int at = tj.lastIndexOf("<");
                String last = tj.substring(at);
                tj.setLength(at);
                flush();
                String tc = number(points);
                ops.append(tc).append(" Tc\n[").append(last).append("] TJ\n0 Tc\n");
                x += Float.parseFloat(tc);
            }

            void flush() {
                if (tj.length() > 1) {
                    ops.append(tj).append("] TJ\n");
                }
                tj.setLength(0);
                tj.append('[');
            }

            void end() {
                flush();
                if (rise != 0) {
                    ops.append("0 Ts\n");
                }
            }
        }

        /**
         * When shapes follow glyph {@code i} in the run, the character spacing that takes the
         * viewer's pen from {@code pen} (just after glyph {@code i}) to where the next glyph drawn
         * as text starts, or past the shapes at the end of the run; else 0.
         */
        private static float spacingForShapes(Item.Glyphs g, GlyphTexts.Piece[] texts, int i, float pen) {
            int k = i + 1;
            while (k < texts.length && texts[k].own() == null) {
                k++;
            }
            if (k == i + 1) {
                return 0;
            }
            float target;
            if (k < texts.length) {
                target = g.dx()[k];
            } else {
                target = pen;
                for (int s = i + 1; s < k; s++) {
                    target = Math.max(target, g.dx()[s] + g.face().pdfAdvance(g.glyphs()[s]) * g.size() / 1000f);
                }
            }
            return target - pen;
        }

        /** A glyph drawn as its outline, filled with the text colour (nonzero winding, as TrueType fills). */
        /** Per face and glyph, its outline as path operators at 1000 units per em; made once per document. */
        private final Map<Face, Map<Integer, String>> outlines = new java.util.HashMap<>();

        private static void shape(StringBuilder ops, Map<Face, Map<Integer, String>> outlines, Item.Glyphs g, int i) {
            float s = g.size() / 1000f;
            ops.append("q ").append(color(g.rgb())).append(" rg ").append(number(s)).append(" 0 0 ").append(number(-s)).append(' ')
                    .append(number(g.x() + g.dx()[i])).append(' ').append(number(g.y() + g.dy()[i])).append(" cm\n");
            ops.append(outlines.computeIfAbsent(g.face(), f -> new java.util.HashMap<>())
                    .computeIfAbsent(g.glyphs()[i], gid -> path(g.face(), gid)));
            ops.append("f\nQ\n");
        }

        /** A glyph's outline as path operators (quadratic curves as the cubics with the same curve). */
        private static String path(Face face, int glyph) {
            StringBuilder ops = new StringBuilder(256);
            java.awt.geom.PathIterator it = face.outline(glyph).getPathIterator(null);
            float[] c = new float[6];
            float lastX = 0;
            float lastY = 0;
            while (!it.isDone()) {
                switch (it.currentSegment(c)) {
                    case java.awt.geom.PathIterator.SEG_MOVETO -> {
                        ops.append(number(c[0])).append(' ').append(number(c[1])).append(" m\n");
                        lastX = c[0];
                        lastY = c[1];
                    }
                    case java.awt.geom.PathIterator.SEG_LINETO -> {
                        ops.append(number(c[0])).append(' ').append(number(c[1])).append(" l\n");
                        lastX = c[0];
                        lastY = c[1];
                    }
                    case java.awt.geom.PathIterator.SEG_QUADTO -> {
                        // a quadratic Bézier as the cubic with the same curve
                        float x1 = lastX + 2f / 3 * (c[0] - lastX);
                        float y1 = lastY + 2f / 3 * (c[1] - lastY);
                        float x2 = c[2] + 2f / 3 * (c[0] - c[2]);
                        float y2 = c[3] + 2f / 3 * (c[1] - c[3]);
                        ops.append(number(x1)).append(' ').append(number(y1)).append(' ').append(number(x2)).append(' ')
                                .append(number(y2)).append(' ').append(number(c[2])).append(' ').append(number(c[3])).append(" c\n");
                        lastX = c[2];
                        lastY = c[3];
                    }
                    case java.awt.geom.PathIterator.SEG_CUBICTO -> {
                        for (int k = 0; k < 6; k++) {
                            ops.append(number(c[k])).append(k == 5 ? " c\n" : " ");
                        }
                        lastX = c[4];
                        lastY = c[5];
                    }
                    default -> ops.append("h\n");
                }
                it.next();
            }
            return ops.toString();
        }
    }

    /** Whether two runs are parts of one line: the same baseline, structure element or page furniture. */
    private static boolean sameLine(Item.Glyphs a, Item.Glyphs b) {
        return Math.abs(a.y() - b.y()) < EPSILON && a.artifact() == b.artifact() && a.tag() == b.tag();
    }

    /** A number for a content stream: at most three decimals, no exponent, no negative zero. */
    static String number(float v) {
        long milli = Math.round(v * 1000.0);
        if (milli == 0) {
            return "0";
        }
        String sign = milli < 0 ? "-" : "";
        long a = Math.abs(milli);
        long whole = a / 1000;
        long frac = a % 1000;
        if (frac == 0) {
            return sign + whole;
        }
        StringBuilder b = new StringBuilder(12).append(sign).append(whole).append('.');
        b.append((char) ('0' + frac / 100));
        if (frac % 100 != 0) {
            b.append((char) ('0' + frac / 10 % 10));
            if (frac % 10 != 0) {
                b.append((char) ('0' + frac % 10));
            }
        }
        return b.toString();
    }

    private static void rect(PdfContentByte cb, Item.Rect r) {
        cb.beginMarkedContentSequence(ARTIFACT);
        cb.saveState();
        if (r.fill() >= 0) {
            cb.setRGBColorFill(r.fill() >> 16 & 0xFF, r.fill() >> 8 & 0xFF, r.fill() & 0xFF);
        }
        if (r.stroke() >= 0) {
            cb.setRGBColorStroke(r.stroke() >> 16 & 0xFF, r.stroke() >> 8 & 0xFF, r.stroke() & 0xFF);
            cb.setLineWidth(r.lineWidth());
        }
        cb.rectangle(r.x(), r.y(), r.width(), r.height());
        if (r.fill() >= 0 && r.stroke() >= 0) {
            cb.fillStroke();
        } else if (r.fill() >= 0) {
            cb.fill();
        } else {
            cb.stroke();
        }
        cb.restoreState();
        cb.endMarkedContentSequence();
    }

    /**
     * A text string a reader decodes exactly: plain ASCII as it is, anything else as UTF-16BE with
     * its byte-order mark. PDFDocEncoding, which OpenPDF would otherwise pick, has no soft hyphen
     * (0xAD is undefined there), the text of a hyphen that ends a line.
     */
    static PdfString textString(String text) {
        if (text.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            return new PdfString(text);
        }
        return new PdfString(("\uFEFF" + text).getBytes(java.nio.charset.StandardCharsets.UTF_16BE));
    }

}
