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
import java.util.concurrent.ConcurrentHashMap;
import org.handout.doc.Leaflet;
import org.handout.layout.Face;
import org.handout.layout.Item;
import org.handout.layout.LaidOut;
import org.handout.layout.Page;
import org.handout.layout.Tag;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.BaseFont;
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
 * placed (never re-shaped here); each run is a marked-content sequence of its structure element
 * (H1, P, LBody, TD…) whose {@code /ActualText} is its logical text, so a screen reader and a
 * copy get the text in reading order; page furniture is an {@code /Artifact}. The structure tree
 * follows the layout's {@link Tag} tree; headings become bookmarks. Fonts are embedded as subsets.
 * {@link ArchivalFinish} then completes the file as PDF/A-2u and PDF/UA-1, with reproducible bytes.
 */
public final class PdfExporter {
    /** Positions closer than this (points) are treated as where the viewer's pen already is. */
    private static final float EPSILON = 0.01f;
    private static final PdfName ARTIFACT = new PdfName("Artifact");

    private static final PdfName ASIDE = new PdfName("Aside");

    private final String creator;
    private final Map<Face, BaseFont> fonts = new ConcurrentHashMap<>();

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
        Job job = new Job();
        try {
            PdfWriter writer = PdfWriter.getInstance(document, bytes);
            writer.setPdfVersion(PdfWriter.PDF_VERSION_1_7);
            writer.setViewerPreferences(PdfWriter.DisplayDocTitle | PdfWriter.PageModeUseOutlines);
            writer.setTagged();
            writer.getExtraCatalog().put(PdfName.LANG, new PdfString(leaflet.lang()));
            document.addTitle(leaflet.title());
            document.addKeywords(leaflet.keywords());
            document.addCreator(creator);
            document.open();
            writer.getStructureTreeRoot().mapRole(ASIDE, PdfName.DIV);
            PdfDate date = pdfDate(stamp.date());
            writer.getInfo().put(PdfName.CREATIONDATE, date);
            writer.getInfo().put(PdfName.MODDATE, date);
            job.structure(writer, laidOut.tags());
            for (int i = 0; i < laidOut.pages().size(); i++) {
                Page page = laidOut.pages().get(i);
                if (i > 0) {
                    document.setPageSize(new Rectangle(page.width(), page.height()));
                    document.newPage();
                }
                writer.setPageEmpty(false);
                PdfContentByte cb = writer.getDirectContent();
                for (Item item : page.items()) {
                    switch (item) {
                        case Item.Rect r -> rect(cb, r);
                        case Item.Glyphs g -> job.glyphs(writer, cb, g);
                        case Item.Image im -> job.image(cb, im);
                    }
                }
            }
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("OpenPDF refused the document: " + e.getMessage(), e);
        }
        Map<String, Map<Integer, String>> toUnicode = new java.util.TreeMap<>();
        job.clusters.keySet().forEach(face -> toUnicode.put(font(face).getPostscriptFontName(), job.glyphText(face)));
        return ArchivalFinish.finish(bytes.toByteArray(), leaflet, stamp, toUnicode, creator);
    }

    private static PdfDate pdfDate(Instant t) {
        GregorianCalendar c = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        c.setTimeInMillis(t.toEpochMilli());
        return new PdfDate(c);
    }

    /** The state of writing one document: its structure elements, bookmarks and the text of every glyph used. */
    private final class Job {
        private final Map<Tag, PdfStructureElement> elements = new IdentityHashMap<>();
        private final java.util.Set<Tag> bookmarked = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        private PdfOutline titleOutline;

        /** Creates the structure elements in the tree's (reading) order before any page is drawn. */
        void structure(PdfWriter writer, Tag root) {
            PdfStructureElement doc = new PdfStructureElement(writer.getStructureTreeRoot(), PdfName.DOCUMENT);
            elements.put(root, doc);
            for (Tag kid : root.kids()) {
                create(kid, doc);
            }
        }

        private void create(Tag tag, PdfStructureElement parent) {
            PdfStructureElement e = new PdfStructureElement(parent, new PdfName(tag.role()));
            tag.alt().ifPresent(alt -> e.put(PdfName.ALT, textString(alt)));
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

        void glyphs(PdfWriter writer, PdfContentByte cb, Item.Glyphs shaped) {
            Item.Glyphs g = visible(shaped);
            record(g);
            PdfDictionary properties = new PdfDictionary();
            properties.put(PdfName.ACTUALTEXT, textString(g.text()));
            if (g.lang() != null) {
                properties.put(PdfName.LANG, new PdfString(g.lang()));
            }
            if (g.artifact()) {
                PdfDictionary artifact = new PdfDictionary();
                artifact.put(PdfName.TYPE, new PdfName("Pagination"));
                cb.beginMarkedContentSequence(ARTIFACT, artifact, true);
                cb.beginMarkedContentSequence(PdfName.SPAN, properties, true);
            } else {
                bookmark(writer, g);
                cb.beginMarkedContentSequence(elements.get(g.tag()), properties);
            }
            draw(cb, g);
            cb.endMarkedContentSequence();
            if (g.artifact()) {
                cb.endMarkedContentSequence();
            }
        }

        /** An image, inside its figure's marked content (the figure carries the alternative text). */
        void image(PdfContentByte cb, Item.Image im) {
            try {
                org.openpdf.text.Image img = org.openpdf.text.Image.getInstance(im.bytes());
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
        private void bookmark(PdfWriter writer, Item.Glyphs g) {
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
         * editors that show them). No glyph id the font lacks reaches the PDF (OpenPDF would leave it
         * out of the content but name it in the ToUnicode map). The character stays in the run's
         * ActualText either way; with the font's empty glyph, also in the ToUnicode map, so a reader
         * that knows only ToUnicode (pdf.js, MuPDF) copies it too.
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
                    java.util.Arrays.copyOf(clusters, k), g.tag());
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

        /** One shaped cluster: the glyphs that show a run of characters together. */
        private record Cluster(int[] glyphs, String text) {
        }

        /** Every cluster drawn, per face, for the ToUnicode maps. */
        private final Map<Face, List<Cluster>> clusters = new java.util.LinkedHashMap<>();

        /** Notes the clusters of a run: which glyphs the shaper made of which characters. */
        private void record(Item.Glyphs g) {
            String text = g.text();
            int[] starts = g.clusters().clone();
            java.util.Arrays.sort(starts);
            Map<Integer, List<Integer>> byCluster = new java.util.TreeMap<>();
            for (int i = 0; i < g.glyphs().length; i++) {
                byCluster.computeIfAbsent(g.clusters()[i], k -> new java.util.ArrayList<>()).add(g.glyphs()[i]);
            }
            List<Cluster> list = clusters.computeIfAbsent(g.face(), f -> new java.util.ArrayList<>());
            for (Map.Entry<Integer, List<Integer>> c : byCluster.entrySet()) {
                int start = Math.min(c.getKey(), text.length() - 1);
                String cluster = text.substring(start, clusterEnd(starts, start, text.length()));
                if (cluster.length() > 1) {
                    // the last cluster of a line's last run carries the undrawn space after it
                    cluster = cluster.stripTrailing();
                }
                list.add(new Cluster(c.getValue().stream().mapToInt(Integer::intValue).toArray(), cluster));
            }
        }

        /**
         * The text each glyph of a face shows, for its ToUnicode map. A glyph the font maps to a
         * character of its cluster shows that character. The others (a conjunct, a ligature, an
         * Arabic form, a vowel sign's variant) show what their clusters leave once the known glyphs
         * are taken out, the shortest such remainder over all the clusters they appear in: the
         * variant of ि in रि shows ि, and then the conjunct of त्रि shows त्र.
         */
        Map<Integer, String> glyphText(Face face) {
            CharacterMaps.Reverse cmap = new CharacterMaps.Reverse(face);
            Map<Integer, String> known = new java.util.TreeMap<>();
            List<Cluster> list = clusters.getOrDefault(face, List.of());
            for (Cluster c : list) {
                for (int gid : c.glyphs()) {
                    // a glyph the font maps a character to stands for it (preferring one in the cluster)
                    if (cmap.hasCharacter(gid)) {
                        known.merge(gid, cmap.textFor(gid, c.text()),
                                (x, y) -> cmap.direct(gid, c.text()).isPresent() && !c.text().contains(x) ? y : x);
                    }
                }
            }
            for (int round = 0; round < 4; round++) {
                Map<Integer, String> best = new java.util.TreeMap<>();
                for (Cluster c : list) {
                    String rest = c.text();
                    List<Integer> unknown = new java.util.ArrayList<>();
                    for (int gid : c.glyphs()) {
                        String k = known.get(gid);
                        if (k == null) {
                            unknown.add(gid);
                        } else {
                            int at = rest.indexOf(k);
                            if (at >= 0) {
                                rest = rest.substring(0, at) + rest.substring(at + k.length());
                            }
                        }
                    }
                    if (unknown.size() == 1 && !rest.isEmpty()) {
                        best.merge(unknown.get(0), rest, (x, y) -> y.length() < x.length() ? y : x);
                    }
                }
                if (best.isEmpty()) {
                    break;
                }
                known.putAll(best);
            }
            Map<Integer, String> out = new java.util.TreeMap<>(known);
            for (Cluster c : list) {
                for (int gid : c.glyphs()) {
                    if (!out.containsKey(gid)) {
                        out.put(gid, cmap.textFor(gid, c.text()));
                    }
                }
            }
            return out;
        }
    }

    private BaseFont font(Face face) {
        return fonts.computeIfAbsent(face, f -> {
            try {
                return BaseFont.createFont(f.file(), BaseFont.IDENTITY_H, BaseFont.EMBEDDED, false, f.bytes(), null);
            } catch (DocumentException | IOException e) {
                throw new IllegalStateException("OpenPDF cannot load font " + f.file() + ": " + e.getMessage(), e);
            }
        });
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

    private void draw(PdfContentByte cb, Item.Glyphs g) {
        cb.beginText();
        cb.setFontAndSize(font(g.face()), g.size());
        cb.setRGBColorFill(g.rgb() >> 16 & 0xFF, g.rgb() >> 8 & 0xFF, g.rgb() & 0xFF);
        int[] ids = g.glyphs();
        float scale = g.size() / 1000f;
        int i = 0;
        while (i < ids.length) {
            cb.setTextMatrix(g.x() + g.dx()[i], g.y() + g.dy()[i]);
            float pen = g.dx()[i] + g.face().pdfAdvance(ids[i]) * scale;
            int j = i + 1;
            while (j < ids.length && Math.abs(g.dx()[j] - pen) < EPSILON && Math.abs(g.dy()[j] - g.dy()[i]) < EPSILON) {
                pen += g.face().pdfAdvance(ids[j]) * scale;
                j++;
            }
            int[] segment = java.util.Arrays.copyOfRange(ids, i, j);
            cb.showText(new GlyphIds(segment));
            i = j;
        }
        cb.endText();
    }
}
