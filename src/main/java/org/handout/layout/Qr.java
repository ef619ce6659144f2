package org.handout.layout;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A QR code for a web address, drawn by ZXing as a black-and-white RGB PNG (as a logo is: PDF/A takes it with the sRGB output intent), each module a
 * square of {@link #MODULE} pixels, with the quiet zone the standard asks for (4 modules): a
 * printer or a phone's camera sees sharp edges at any size the leaflet prints it.
 */
final class Qr {
    /** Pixels per module: the PDF scales the picture, so this only keeps edges square. */
    static final int MODULE = 8;

    private Qr() {
    }

    private static BitMatrix matrix(String url) {
        try {
            // level M: a printed leaflet may be creased or smudged
            return new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4,
                            EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalArgumentException("no QR code for " + url + ": " + e.getMessage(), e);
        }
    }

    /** The code's side in pixels. */
    static int side(String url) {
        return matrix(url).getWidth() * MODULE;
    }

    /**
     * The PNG of each address drawn so far in this run: a build draws the same few addresses (a
     * clinic's, the national service's) on every leaflet of every language, and encoding one took
     * about as long as laying out a page. Never modify the bytes.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, byte[]> DRAWN = new java.util.concurrent.ConcurrentHashMap<>();

    /** The code as PNG bytes, the same bytes for the same address (drawn once per run; never modify them). */
    static byte[] png(String url) {
        if (DRAWN.size() > 256) {
            DRAWN.clear(); // a long-running server that has seen many addresses: start again
        }
        return DRAWN.computeIfAbsent(url, Qr::draw);
    }

    private static byte[] draw(String url) {
        BitMatrix m = matrix(url);
        int n = m.getWidth();
        BufferedImage img = new BufferedImage(n * MODULE, n * MODULE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < n * MODULE; y++) {
            for (int x = 0; x < n * MODULE; x++) {
                img.setRGB(x, y, m.get(x / MODULE, y / MODULE) ? 0xFF000000 : 0xFFFFFFFF);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
