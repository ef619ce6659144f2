package org.handout.pdf;

import java.io.IOException;
import java.io.OutputStream;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.pdf.PdfDictionary;
import org.openpdf.text.pdf.PdfDocument;
import org.openpdf.text.pdf.PdfEncryption;
import org.openpdf.text.pdf.PdfIndirectObject;
import org.openpdf.text.pdf.PdfIndirectReference;
import org.openpdf.text.pdf.PdfName;
import org.openpdf.text.pdf.PdfObject;
import org.openpdf.text.pdf.PdfPage;
import org.openpdf.text.pdf.PdfWriter;

/**
 * OpenPDF's writer with the three things a leaflet needs of each page and of the trailer that
 * OpenPDF's public API does not offer, so that the file is complete in one pass:
 * <ul>
 * <li>each page's font resources name our own Type 0 fonts ({@link #useFont}); OpenPDF adds to a
 * page's resources only the fonts it encodes itself, and a page dictionary is written as soon as
 * the page ends, so they are added as the page is written;</li>
 * <li>a page with annotations is read in the order of its structure tree, annotations too
 * ({@code /Tabs /S}, PDF/UA-1 7.18.3);</li>
 * <li>the document {@code /ID} is derived from the leaflet ({@link #setFileId}), so the same input
 * gives the same bytes. OpenPDF takes a given {@code /ID} from the info dictionary's
 * {@code /FileId}, which it would then also write there: this writer leaves it out of the written
 * info dictionary.</li>
 * </ul>
 * The two overridden {@code addToBody} methods are public API; which one OpenPDF 3 calls for a page
 * and for the info dictionary is checked, file by file, by {@code AccessibleArchivalTest}.
 */
final class LeafletWriter extends PdfWriter {
    private static final PdfName TABS = new PdfName("Tabs");

    /** The fonts the page being drawn uses, by resource name. */
    private PdfDictionary pageFonts = new PdfDictionary();

    private LeafletWriter(PdfDocument pdf, OutputStream os) {
        super(pdf, os);
    }

    /** A writer for {@code document}, as {@link PdfWriter#getInstance} makes one. */
    static LeafletWriter of(Document document, OutputStream os) throws DocumentException {
        PdfDocument pdf = new PdfDocument();
        pdf.setTextRenderingOptions(document.getTextRenderingOptions());
        pdf.setGlyphLayoutManager(document.getGlyphLayoutManager());
        document.addDocListener(pdf);
        LeafletWriter writer = new LeafletWriter(pdf, os);
        pdf.addWriter(writer);
        return writer;
    }

    /** Names a font in the resources of the page being drawn. */
    void useFont(PdfName resource, PdfIndirectReference font) {
        pageFonts.put(resource, font);
    }

    /** The document's {@code /ID}, both halves (a new file, never updated). */
    void setFileId(byte[] id) {
        getInfo().put(PdfName.FILEID, PdfEncryption.createInfoId(id, id));
    }

    /** Every page dictionary comes here, once, when its page ends. */
    @Override
    public PdfIndirectObject addToBody(PdfObject object, PdfIndirectReference ref) throws IOException {
        if (object instanceof PdfPage page) {
            complete(page);
        }
        return super.addToBody(object, ref);
    }

    private void complete(PdfPage page) {
        if (pageFonts.size() > 0) {
            PdfDictionary resources = page.getAsDict(PdfName.RESOURCES);
            PdfDictionary fonts = resources.getAsDict(PdfName.FONT);
            if (fonts == null) {
                resources.put(PdfName.FONT, pageFonts);
            } else {
                fonts.merge(pageFonts);
            }
            pageFonts = new PdfDictionary();
        }
        if (page.contains(PdfName.ANNOTS)) {
            page.put(TABS, PdfName.S);
        }
    }

    /** The info dictionary comes here at close, before OpenPDF reads its {@code /FileId} for the trailer. */
    @Override
    public PdfIndirectObject addToBody(PdfObject object, boolean inObjStm) throws IOException {
        PdfDictionary info = getInfo();
        if (object == info && info.contains(PdfName.FILEID)) {
            PdfObject id = info.get(PdfName.FILEID);
            info.remove(PdfName.FILEID);
            try {
                return super.addToBody(object, inObjStm);
            } finally {
                info.put(PdfName.FILEID, id);
            }
        }
        return super.addToBody(object, inObjStm);
    }
}
