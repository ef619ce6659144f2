package org.handout.pdf;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Image;
import org.openpdf.text.pdf.PdfStream;

/**
 * The pictures of a run (a clinic's logo, a figure, a QR code), each decoded and compressed once
 * and placed in every leaflet from then on. OpenPDF decodes a PNG into raw samples and an alpha
 * mask with ImageIO and deflates both again for every document it is placed in; a build places
 * the same few pictures in every leaflet of every language, and that was a sixth of the time spent
 * writing a PDF. The bytes written are the same as OpenPDF's own: the same samples, deflated at
 * the level OpenPDF uses, marked as already deflated.
 */
final class PreparedImages {
    /** A picture's bytes as a map key, by content (the same logo read twice is one entry). */
    private record Key(byte[] bytes, int hash) {
        static Key of(byte[] bytes) {
            return new Key(bytes, Arrays.hashCode(bytes));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static final ConcurrentHashMap<Key, Image> PREPARED = new ConcurrentHashMap<>();

    /** More distinct pictures than this (a long-running server shown many logos) and the cache starts again. */
    static final int MAX_ENTRIES = 64;

    private PreparedImages() {
    }

    /**
     * A new OpenPDF image of {@code bytes} for one placement (its size and position are the
     * caller's to set), sharing the decoded and compressed samples with every other placement.
     */
    static Image of(byte[] bytes) throws DocumentException, java.io.IOException {
        if (PREPARED.size() > MAX_ENTRIES) {
            PREPARED.clear();
        }
        Key key = Key.of(bytes);
        Image prepared = PREPARED.get(key);
        if (prepared == null) {
            prepared = prepare(Image.getInstance(bytes));
            Image raced = PREPARED.putIfAbsent(key, prepared);
            if (raced != null) {
                prepared = raced;
            }
        }
        return Image.getInstance(prepared);
    }

    /** The decoded image with its samples (and its mask's) deflated now, or as it is when OpenPDF keeps its own encoding. */
    private static Image prepare(Image decoded) throws DocumentException {
        if (!decoded.isImgRaw() || decoded.isDeflated() || decoded.getBpc() > 0xff) {
            return decoded;
        }
        Image out = Image.getInstance((int) decoded.getWidth(), (int) decoded.getHeight(), decoded.getColorspace(),
                decoded.getBpc(), deflate(decoded.getRawData()), decoded.getTransparency());
        out.setDeflated(true);
        Image mask = decoded.getImageMask();
        if (mask != null) {
            Image m = Image.getInstance((int) mask.getWidth(), (int) mask.getHeight(), mask.getColorspace(),
                    mask.getBpc(), deflate(mask.getRawData()));
            m.setDeflated(true);
            m.makeMask();
            out.setImageMask(m);
        }
        return out;
    }

    /**
     * Deflated as {@code PdfStream.flateCompress} does it, so the file's bytes do not change (also
     * for the streams {@link Archival} writes deflated: fonts, maps, the colour profile).
     */
    static byte[] deflate(byte[] raw) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream(raw.length / 4 + 64);
        Deflater deflater = new Deflater(PdfStream.DEFAULT_COMPRESSION);
        try (DeflaterOutputStream zip = new DeflaterOutputStream(stream, deflater)) {
            zip.write(raw);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return stream.toByteArray();
    }
}
