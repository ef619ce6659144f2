package org.handout.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import org.handout.doc.Leaflet;
import org.handout.layout.Face;
import org.handout.layout.Item;
import org.handout.layout.LaidOut;
import org.handout.layout.Page;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfDate;
import org.openpdf.text.pdf.PdfDictionary;
import org.openpdf.text.pdf.PdfName;
import org.openpdf.text.pdf.PdfString;
import org.openpdf.text.pdf.PdfWriter;

/**
 * Writes laid-out pages as PDF with OpenPDF, the only class that talks to it. Text is drawn as the
 * glyphs layout shaped and placed (never re-shaped here), each run inside a marked-content span
 * whose {@code /ActualText} is its logical text, with fonts embedded as subsets. The document
 * carries its title (shown by viewers), language, subject, keywords and dates from the edition.
 */
public final class PdfExporter {
    /** Positions closer than this (points) are treated as where the viewer's pen already is. */
    private static final float EPSILON = 0.01f;
    private static final PdfName ARTIFACT = new PdfName("Artifact");

    private final String creator;
    private final Map<Face, BaseFont> fonts = new ConcurrentHashMap<>();

    /** {@code creator} names the tool and version in the PDF metadata. */
    public PdfExporter(String creator) {
        this.creator = creator;
    }

    /** The PDF bytes of a laid-out leaflet. */
    public byte[] export(LaidOut laidOut) {
        Leaflet leaflet = laidOut.leaflet();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        Page first = laidOut.pages().get(0);
        Document document = new Document(new Rectangle(first.width(), first.height()), 0, 0, 0, 0);
        try {
            PdfWriter writer = PdfWriter.getInstance(document, bytes);
            writer.setPdfVersion(PdfWriter.PDF_VERSION_1_7);
            writer.setViewerPreferences(PdfWriter.DisplayDocTitle);
            writer.getExtraCatalog().put(PdfName.LANG, new PdfString(leaflet.lang()));
            document.addTitle(leaflet.title());
            document.addKeywords(leaflet.keywords());
            document.addCreator(creator);
            document.open();
            PdfDate date = pdfDate(leaflet.revised());
            writer.getInfo().put(PdfName.CREATIONDATE, date);
            writer.getInfo().put(PdfName.MODDATE, date);
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
                        case Item.Glyphs g -> glyphs(cb, g);
                    }
                }
            }
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("OpenPDF refused the document: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private static PdfDate pdfDate(LocalDate d) {
        GregorianCalendar c = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        c.clear();
        c.set(d.getYear(), d.getMonthValue() - 1, d.getDayOfMonth(), 0, 0, 0);
        c.set(Calendar.MILLISECOND, 0);
        return new PdfDate(c);
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

    private void glyphs(PdfContentByte cb, Item.Glyphs g) {
        if (g.artifact()) {
            cb.beginMarkedContentSequence(ARTIFACT);
        }
        PdfDictionary span = new PdfDictionary();
        span.put(PdfName.ACTUALTEXT, textString(g.text()));
        if (g.lang() != null) {
            span.put(PdfName.LANG, new PdfString(g.lang()));
        }
        cb.beginMarkedContentSequence(PdfName.SPAN, span, true);
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
        cb.endMarkedContentSequence();
        if (g.artifact()) {
            cb.endMarkedContentSequence();
        }
    }
}
