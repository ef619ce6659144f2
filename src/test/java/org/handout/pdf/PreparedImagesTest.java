package org.handout.pdf;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.openpdf.text.Document;
import org.openpdf.text.Image;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.PdfWriter;
import org.junit.jupiter.api.Test;

/**
 * A picture decoded and compressed once and placed in many documents is written exactly as
 * OpenPDF writes it when it decodes the picture for each: the same samples, filter and mask.
 */
class PreparedImagesTest {
    /** Each image XObject of the first page: its dictionary's filter and size, its stream's bytes, its mask's bytes. */
    private static List<Object> images(byte[] pdf) throws IOException {
        List<Object> out = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDResources r = doc.getPage(0).getResources();
            for (COSName name : r.getXObjectNames()) {
                PDImageXObject x = (PDImageXObject) r.getXObject(name);
                out.add(x.getWidth() + "x" + x.getHeight() + " " + x.getCOSObject().getItem(COSName.FILTER) + " "
                        + x.getColorSpace().getName() + " " + x.getBitsPerComponent());
                try (var in = x.getCOSObject().createRawInputStream()) {
                    out.add(java.util.HexFormat.of().formatHex(in.readAllBytes()));
                }
                if (x.getSoftMask() != null) {
                    try (var in = x.getSoftMask().getCOSObject().createRawInputStream()) {
                        out.add("mask " + java.util.HexFormat.of().formatHex(in.readAllBytes()));
                    }
                }
            }
        }
        return out;
    }

    private static byte[] document(Image image) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Document d = new Document(new Rectangle(200, 200), 0, 0, 0, 0);
        PdfWriter w = PdfWriter.getInstance(d, bytes);
        d.open();
        image.scaleAbsolute(100, 100);
        image.setAbsolutePosition(10, 10);
        w.getDirectContent().addImage(image);
        d.close();
        return bytes.toByteArray();
    }

    @Test
    void aPreparedPictureIsWrittenAsOpenPdfWritesItForEveryDocumentItIsPlacedIn() throws Exception {
        for (Path png : List.of(Path.of("content/figures/adrenal-glands.png"), Path.of("clinics/riverside-logo.png"))) {
            byte[] bytes = Files.readAllBytes(png);
            List<Object> own = images(document(Image.getInstance(bytes)));
            assertTrue(own.size() >= 2, png + ": " + own);
            List<Object> first = images(document(PreparedImages.of(bytes)));
            List<Object> second = images(document(PreparedImages.of(bytes.clone())));
            assertEquals(own, first, png.toString());
            assertEquals(own, second, png + ", placed again from the cache");
        }
    }

    @Test
    void eachPlacementIsItsOwnImageSoThatOneLeafletsSizeAndPlaceDoNotMoveAnothers() throws Exception {
        byte[] bytes = Files.readAllBytes(Path.of("clinics/riverside-logo.png"));
        Image a = PreparedImages.of(bytes);
        Image b = PreparedImages.of(bytes);
        assertNotNull(a);
        a.scaleAbsolute(10, 10);
        b.scaleAbsolute(50, 50);
        assertEquals(10, a.getScaledWidth(), 1e-3);
        assertEquals(50, b.getScaledWidth(), 1e-3);
        assertSame(a.getRawData(), b.getRawData(), "the samples are shared, not copied");
    }
}
