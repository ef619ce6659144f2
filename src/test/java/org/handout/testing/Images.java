package org.handout.testing;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Test images made here rather than committed: PNGs built chunk by chunk (any size, depth, colour
 * type, profile or damage), and JPEGs from the JDK's writer with an ICC profile spliced in.
 */
public final class Images {
    /** The JDK's linear-light RGB profile: a tagged image whose numbers are far from sRGB. */
    public static final byte[] LINEAR_RGB = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
    /** The JDK's linear grey profile. */
    public static final byte[] LINEAR_GREY = ICC_Profile.getInstance(ColorSpace.CS_GRAY).getData();

    private Images() {
    }

    /** A small CMYK profile (PDFBox's own, for DeviceCMYK): what a print shop's JPEG would carry. */
    public static byte[] cmykProfile() {
        try (InputStream in = Images.class.getResourceAsStream("/org/apache/pdfbox/resources/icc/CGATS001Compat-v2-micro.icc")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One PNG chunk: length, type, data and its CRC. */
    public static byte[] chunk(String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(t).put(data).putInt((int) crc.getValue()).array();
    }

    /** The IHDR chunk's data. */
    public static byte[] ihdr(int width, int height, int depth, int colourType) {
        return ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) depth).put((byte) colourType).put(new byte[3]).array();
    }

    /** A PNG of these chunks (the signature first, IEND last). */
    public static byte[] png(byte[]... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        for (byte[] c : chunks) {
            out.writeBytes(c);
        }
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    /** A PNG whose rows are {@code row} repeated (each with filter byte 0), plus the extra chunks before IDAT. */
    public static byte[] png(int width, int height, int depth, int colourType, byte[] row, byte[]... extra) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (int y = 0; y < height; y++) {
            raw.write(0);
            raw.writeBytes(row);
        }
        byte[][] chunks = new byte[extra.length + 2][];
        chunks[0] = chunk("IHDR", ihdr(width, height, depth, colourType));
        System.arraycopy(extra, 0, chunks, 1, extra.length);
        chunks[extra.length + 1] = chunk("IDAT", deflate(raw.toByteArray()));
        return png(chunks);
    }

    /** An iCCP chunk carrying {@code profile}. */
    public static byte[] iccp(byte[] profile) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes("test profile".getBytes(StandardCharsets.ISO_8859_1));
        data.write(0);
        data.write(0);
        data.writeBytes(deflate(profile));
        return chunk("iCCP", data.toByteArray());
    }

    public static byte[] deflate(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out)) {
            d.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code image} written by the JDK in {@code format} ("png", "jpeg", "gif", "bmp", "tiff"). */
    public static byte[] write(BufferedImage image, String format) {
        return write(new IIOImage(image, null, null), format);
    }

    /**
     * A CMYK JPEG of {@code width} × 8 pixels, each column's inks from {@code inks} (C, M, Y, K in
     * 0–255, 255 full ink), stored as Adobe's applications store them (inverted).
     */
    public static byte[] cmykJpeg(int[][] inks) {
        WritableRaster r = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, inks.length, 8, 4, null);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < inks.length; x++) {
                int[] ink = inks[x];
                r.setPixel(x, y, new int[] {255 - ink[0], 255 - ink[1], 255 - ink[2], 255 - ink[3]});
            }
        }
        return write(new IIOImage(r, null, null), "jpeg");
    }

    /** The JPEG with an APP2 ICC profile segment added after its SOI (and JFIF) markers. */
    public static byte[] withProfile(byte[] jpeg, byte[] profile) {
        int at = 2;
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            at = 4 + ((jpeg[4] & 0xFF) << 8 | jpeg[5] & 0xFF);
        }
        byte[] signature = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer segment = ByteBuffer.allocate(4 + signature.length + 2 + profile.length);
        segment.put((byte) 0xFF).put((byte) 0xE2).putShort((short) (2 + signature.length + 2 + profile.length))
                .put(signature).put((byte) 1).put((byte) 1).put(profile);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, at);
        out.writeBytes(segment.array());
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }

    private static byte[] write(IIOImage image, String format) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, image, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** A flat image of one colour, {@code type} a BufferedImage type. */
    public static BufferedImage flat(int width, int height, int type, int rgb) {
        BufferedImage im = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                im.setRGB(x, y, rgb);
            }
        }
        return im;
    }
}
