package org.handout.clinic;

import static org.handout.testing.Images.chunk;
import static org.handout.testing.Images.ihdr;
import static org.handout.testing.Images.png;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.handout.report.Problem;
import org.handout.report.Problems;
import org.handout.testing.Images;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clinic's logo: bounded before it is decoded, decoded in full when the profile is read (a
 * damaged file is a located problem, not a failure of the PDF export), only PNG and JPEG (told by
 * content), and whatever its colours, handed on as an 8-bit sRGB PNG.
 */
class ClinicLogoTest {
    @TempDir
    Path dir;

    /** What reading {@code bytes} as the logo {@code logo.png} at line 7 reports, each problem with its hint. */
    private static List<String> refused(byte[] bytes) {
        Problems p = new Problems();
        Optional<Clinic.Logo> logo = Logos.read(bytes, "logo.png", "clinics/test.yaml", 7, "A clinic", p);
        assertEquals(logo.isEmpty(), p.hasErrors(), "a logo or a problem, never both");
        return p.sorted().stream().map(x -> x.format() + " | " + x.hint()).toList();
    }

    /** The logo as the PDF gets it: checked to be a plain 8-bit RGB(A) PNG, then decoded. */
    private static BufferedImage converted(byte[] bytes) throws IOException {
        Problems p = new Problems();
        Clinic.Logo logo = Logos.read(bytes, "logo.png", "clinics/test.yaml", 7, "A clinic", p).orElseThrow(() -> new AssertionError(p.sorted()));
        byte[] png = logo.bytes();
        assertEquals("PNG", ImageBytes.format(png), "the PDF gets a PNG");
        int depth = png[24];
        int colourType = png[25];
        assertEquals(8, depth, "8 bits a sample");
        assertTrue(colourType == 2 || colourType == 6, "RGB or RGBA, not " + colourType);
        List<String> chunks = chunkTypes(png);
        assertEquals(List.of("IHDR", "IDAT", "IEND"), chunks.stream().distinct().toList(), "no profile, gamma or palette: plain sRGB");
        BufferedImage im = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(logo.width(), im.getWidth());
        assertEquals(logo.height(), im.getHeight());
        return im;
    }

    private static List<String> chunkTypes(byte[] png) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(png);
        b.position(8);
        List<String> types = new java.util.ArrayList<>();
        while (b.remaining() >= 12) {
            int length = b.getInt();
            types.add(new String(png, b.position(), 4, java.nio.charset.StandardCharsets.ISO_8859_1));
            b.position(b.position() + 4 + length + 4);
        }
        return types;
    }

    /** sRGB's transfer function, for a value in linear light: what an ICC conversion from a linear profile must give. */
    private static int srgb(double linear) {
        double v = linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.pow(linear, 1 / 2.4) - 0.055;
        return (int) Math.round(v * 255);
    }

    private static void assertColour(int[] expected, int argb, String what) {
        int[] got = {argb >>> 24, argb >> 16 & 0xFF, argb >> 8 & 0xFF, argb & 0xFF};
        for (int i = 0; i < 4; i++) {
            assertTrue(Math.abs(expected[i] - got[i]) <= 1, what + ": expected ARGB " + Arrays.toString(expected) + ", got " + Arrays.toString(got));
        }
    }

    @Test
    void aHugeDeclaredSizeIsRefusedFromTheHeaderWithoutDecoding() {
        // 20000 × 20000 declared, and pixel data that is not even a zlib stream (its CRC is right):
        // decoding would fail with "damaged"; the size is refused before that
        byte[] garbage = new byte[64];
        Arrays.fill(garbage, (byte) 0x5A);
        byte[] huge = png(chunk("IHDR", ihdr(20000, 20000, 8, 2)), chunk("IDAT", garbage));
        assertEquals(List.of("clinics/test.yaml:7: error: the logo logo.png is 20000 × 20000 pixels; a logo has at most 4000 pixels a side"
                + " and 4 megapixels | scale it down: it is printed at most 140 × 30 pt (4.9 × 1.1 cm), so 1200 pixels wide is enough even at 600 dpi"),
                refused(huge));
        assertTrue(refused(png(chunk("IHDR", ihdr(200, 200, 8, 2)), chunk("IDAT", garbage))).get(0)
                .startsWith("clinics/test.yaml:7: error: the logo logo.png is a damaged PNG: "), "the same data at a small size is decoded, and fails");
        assertTrue(refused(png(chunk("IHDR", ihdr(4001, 10, 8, 2)), chunk("IDAT", garbage))).get(0).contains("is 4001 × 10 pixels"), "a side too long");
        assertTrue(refused(png(chunk("IHDR", ihdr(2001, 2000, 8, 2)), chunk("IDAT", garbage))).get(0).contains("is 2001 × 2000 pixels"), "too many pixels");
        // a JPEG's size is read from its frame header alike
        byte[] jpeg = Images.write(Images.flat(16, 16, BufferedImage.TYPE_INT_RGB, 0x1E5AA0), "jpeg");
        for (int i = 2; i < jpeg.length - 8; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                jpeg[i + 5] = jpeg[i + 7] = (byte) (20000 >> 8);
                jpeg[i + 6] = jpeg[i + 8] = (byte) 20000;
                break;
            }
        }
        assertTrue(refused(jpeg).get(0).contains("is 20000 × 20000 pixels"), refused(jpeg).toString());
    }

    @Test
    void aProgressiveJpegOfTooManyScansIsRefusedBeforeDecoding() throws IOException {
        // a progressive JPEG with its last scan repeated: each scan is a pass over every pixel, so a
        // 500 KiB file of 35000 scans would keep the decoder busy for many minutes
        byte[] jpeg = progressiveJpeg(64, 64);
        int last = jpeg.length - 2;
        while (!((jpeg[last] & 0xFF) == 0xFF && (jpeg[last + 1] & 0xFF) == 0xDA)) {
            last--;
        }
        byte[] scan = Arrays.copyOfRange(jpeg, last, jpeg.length - 2);
        java.io.ByteArrayOutputStream many = new java.io.ByteArrayOutputStream();
        many.write(jpeg, 0, jpeg.length - 2);
        int before = ImageBytes.jpegScans(jpeg);
        assertTrue(before > 1 && before < 20, before + " scans");
        for (int i = 0; i < 101 - before + 1; i++) {
            many.write(scan);
        }
        many.write(jpeg, jpeg.length - 2, 2);
        assertEquals(List.of("clinics/test.yaml:7: error: the logo logo.png is a progressive JPEG of 102 scans; a logo's JPEG has at most 100"
                + " | save it again as PNG, or as a JPEG that is not progressive"), refused(many.toByteArray()));
        assertEquals(List.of(), refused(jpeg), "an ordinary progressive JPEG is taken");
    }

    private static byte[] progressiveJpeg(int w, int h) throws IOException {
        BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                im.setRGB(x, y, x * 4 << 16 | y * 4 << 8 | 0x80);
            }
        }
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (var out = new javax.imageio.stream.MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new javax.imageio.IIOImage(im, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    @Test
    void aPngsTextAndOtherChunksAreNotGivenToTheDecoder() throws IOException {
        // a zTXt chunk whose text is not zlib data (its checksum is right): the JDK's reader would
        // inflate it, and fail; every such chunk it inflates costs up to 256 KiB
        byte[] text = "Comment\0\0not zlib data".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] withText = Images.png(4, 4, 8, 2, new byte[12], chunk("zTXt", text), chunk("tIME", new byte[7]));
        assertEquals(List.of(), refused(withText));
        // the profile is inflated here instead, bounded (zlib's words follow)
        assertTrue(refused(Images.png(4, 4, 8, 2, new byte[12], chunk("iCCP", "name\0\0not zlib data".getBytes()))).get(0)
                .startsWith("clinics/test.yaml:7: error: the logo logo.png is a damaged PNG: its colour profile (iCCP) cannot be inflated: "));
    }

    @Test
    void aDamagedImageIsAProblemAtTheProfileLine() {
        byte[] good = Images.png(4, 4, 8, 2, new byte[12]);
        // damaged pixel data with a matching checksum: only decoding tells
        byte[] idat = Images.deflate(new byte[4 * 13]);
        idat[2] ^= 0x7F;
        byte[] badData = png(chunk("IHDR", ihdr(4, 4, 8, 2)), chunk("IDAT", idat));
        // (zlib's own words follow, in brackets)
        assertTrue(refused(badData).get(0).startsWith("clinics/test.yaml:7: error: the logo logo.png is a damaged PNG: Error reading PNG image data ("),
                refused(badData).toString());
        assertTrue(refused(badData).get(0).endsWith(" | open it in an image editor and save it again as an RGB PNG"));
        // a byte changed in the header: the JDK reads it as it is, its checksum tells
        byte[] badHeader = good.clone();
        badHeader[17] ^= 0x01;
        assertEquals(List.of("clinics/test.yaml:7: error: the logo logo.png is a damaged PNG: its IHDR chunk is damaged (its checksum does not match)"
                + " | open it in an image editor and save it again as an RGB PNG"), refused(badHeader));
        assertTrue(refused(Arrays.copyOf(good, good.length - 20)).get(0).startsWith("clinics/test.yaml:7: error: the logo logo.png is a damaged PNG: "));
        // a JPEG cut short in its pixel data: the JDK only warns, and fills the rest grey
        BufferedImage busy = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                busy.setRGB(x, y, x * y * 2654435 & 0xFFFFFF);
            }
        }
        byte[] jpeg = Images.write(busy, "jpeg");
        assertEquals(List.of("clinics/test.yaml:7: error: the logo logo.png is a damaged JPEG: Truncated File - Missing EOI marker;"
                + " Corrupt JPEG data: premature end of data segment | open it in an image editor and save it again as an RGB PNG"),
                refused(Arrays.copyOf(jpeg, jpeg.length * 3 / 4)));
        assertEquals(List.of("clinics/test.yaml:7: error: the logo logo.png is a damaged PNG: its colour profile cannot be read: Invalid ICC Profile Data"
                + " | open it in an image editor and save it again as an RGB PNG"),
                refused(Images.png(4, 4, 8, 2, new byte[12], Images.iccp("not a profile".repeat(20).getBytes()))));
        assertEquals(List.of("clinics/test.yaml:7: error: the logo logo.png is a damaged PNG: its colour profile is for 3 colour components"
                + " but its pixels have 1 | open it in an image editor and save it again as an RGB PNG"),
                refused(Images.png(4, 4, 8, 0, new byte[4], Images.iccp(Images.LINEAR_RGB))));
    }

    @Test
    void onlyPngAndJpegAreTakenToldByContentNotByName() {
        BufferedImage rgb = Images.flat(8, 8, BufferedImage.TYPE_INT_RGB, 0x1E5AA0);
        String svg = "<?xml version=\"1.0\"?>\n<!-- a drawing -->\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"240\" height=\"80\"/>";
        assertEquals(List.of("clinics/test.yaml:7: error: the logo logo.png is SVG; save it as PNG"
                + " | a leaflet takes a PNG or JPEG logo: export the drawing about 1200 pixels wide"), refused(svg.getBytes()));
        assertEquals(List.of("clinics/test.yaml:7: error: the logo logo.png is GIF; save it as PNG | a leaflet takes a PNG or JPEG logo"),
                refused(Images.write(rgb, "gif")));
        assertEquals(List.of("clinics/test.yaml:7: error: the logo logo.png is BMP; save it as PNG | a leaflet takes a PNG or JPEG logo"),
                refused(Images.write(rgb, "bmp")));
        assertEquals(List.of("clinics/test.yaml:7: error: the logo logo.png is TIFF; save it as PNG | a leaflet takes a PNG or JPEG logo"),
                refused(Images.write(rgb, "tiff")));
        assertEquals(List.of("clinics/test.yaml:7: error: the logo logo.png is WebP; save it as PNG | a leaflet takes a PNG or JPEG logo"),
                refused("RIFF\u0024\0\0\0WEBPVP8 \u0018\0\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        assertEquals(List.of("clinics/test.yaml:7: error: the logo logo.png is not an image (PNG or JPEG) | save the logo as PNG"),
                refused("Riverside Children's Hospital".getBytes()));
        assertEquals(List.of("clinics/test.yaml:7: error: the logo logo.png is larger than 512 KiB | a logo needs far less: save it about 1200 pixels wide"),
                refused(new byte[Logos.MAX_BYTES + 1]));
        assertTrue(refused(Images.write(rgb, "jpeg")).isEmpty(), "a JPEG named .png is a JPEG");
    }

    @Test
    void anEmbeddedProfileIsAppliedPngAndJpegAlike() throws IOException {
        // (200, 40, 40) in linear light is sRGB (229, 110, 110): far from the numbers as they are
        int[] expected = {255, srgb(200 / 255.0), srgb(40 / 255.0), srgb(40 / 255.0)};
        byte[] row = new byte[3 * 4];
        for (int i = 0; i < row.length; i += 3) {
            row[i] = (byte) 200;
            row[i + 1] = 40;
            row[i + 2] = 40;
        }
        // PNG's iCCP: the JDK's PNG reader keeps it in the metadata and does not apply it
        assertColour(expected, converted(Images.png(4, 4, 8, 2, row, Images.iccp(Images.LINEAR_RGB))).getRGB(1, 1), "iCCP PNG");
        // a palette whose colours are in that profile
        byte[] plte = chunk("PLTE", new byte[] {(byte) 200, 40, 40});
        assertColour(expected, converted(Images.png(4, 4, 8, 3, new byte[4], Images.iccp(Images.LINEAR_RGB), plte)).getRGB(1, 1), "iCCP palette");
        // a JPEG's APP2 profile
        byte[] jpeg = Images.withProfile(Images.write(Images.flat(16, 16, BufferedImage.TYPE_INT_RGB, 0xC82828), "jpeg"), Images.LINEAR_RGB);
        assertColour(expected, converted(jpeg).getRGB(8, 8), "ICC JPEG");
        // grey with a linear grey profile: 88 in linear light is sRGB 159
        int grey = srgb(88 / 255.0);
        assertColour(new int[] {255, grey, grey, grey}, converted(Images.png(4, 4, 8, 0, new byte[] {88, 88, 88, 88}, Images.iccp(Images.LINEAR_GREY)))
                .getRGB(1, 1), "grey iCCP PNG");
        assertColour(new int[] {255, grey, grey, grey}, converted(Images.withProfile(greyJpeg(88), Images.LINEAR_GREY)).getRGB(8, 8), "grey ICC JPEG");
    }

    private static byte[] greyJpeg(int value) {
        BufferedImage g = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        int[] all = new int[16 * 16];
        Arrays.fill(all, value);
        g.getRaster().setPixels(0, 0, 16, 16, all);
        return Images.write(g, "jpeg");
    }

    @Test
    void greyDeepAndPaletteImagesBecomeEightBitSrgbWithTheirTransparency() throws IOException {
        // grey is sRGB grey: 88 stays 88 (the JDK's own grey is linear, and would print it as 159)
        assertColour(new int[] {255, 88, 88, 88}, converted(greyJpeg(88)).getRGB(8, 8), "grey JPEG");
        assertColour(new int[] {255, 88, 88, 88}, converted(Images.png(4, 4, 8, 0, new byte[] {88, 88, 88, 88})).getRGB(1, 1), "grey PNG");
        // 16 bits a sample, scaled: 0x4000 → 64, 0x8000 → 128; the alpha of a 16-bit RGBA kept
        byte[] deep = {0x40, 0, (byte) 0x80, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0x80, 0};
        BufferedImage rgba16 = converted(Images.png(1, 1, 16, 6, deep));
        assertColour(new int[] {128, 64, 128, 255}, rgba16.getRGB(0, 0), "16-bit RGBA");
        assertTrue(rgba16.getColorModel().hasAlpha());
        assertColour(new int[] {255, 64, 128, 255}, converted(Images.png(1, 1, 16, 2, Arrays.copyOf(deep, 6))).getRGB(0, 0), "16-bit RGB");
        // a palette whose first entry is transparent (tRNS)
        byte[] plte = chunk("PLTE", new byte[] {(byte) 255, 0, 0, 0, 0, (byte) 255});
        BufferedImage palette = converted(Images.png(2, 1, 8, 3, new byte[] {0, 1}, plte, chunk("tRNS", new byte[] {0})));
        assertEquals(0, palette.getRGB(0, 0) >>> 24, "the transparent entry stays transparent");
        assertColour(new int[] {255, 0, 0, 255}, palette.getRGB(1, 0), "the opaque entry");
        // an RGBA PNG keeps its alpha; an opaque one gets none
        BufferedImage half = Images.flat(4, 4, BufferedImage.TYPE_INT_ARGB, 0x801E5AA0);
        assertColour(new int[] {0x80, 0x1E, 0x5A, 0xA0}, converted(Images.write(half, "png")).getRGB(2, 2), "RGBA PNG");
        assertTrue(!converted(Images.write(Images.flat(4, 4, BufferedImage.TYPE_INT_ARGB, 0xFF1E5AA0), "png")).getColorModel().hasAlpha());
    }

    @Test
    void aCmykJpegIsConvertedWithItsOwnProfileOrRefused() throws IOException {
        int[][] inks = new int[16][];
        for (int x = 0; x < 16; x++) {
            inks[x] = x < 8 ? new int[] {0, 0, 0, 0} : new int[] {255, 0, 0, 0};
        }
        byte[] cmyk = Images.cmykJpeg(inks);
        assertEquals(List.of("clinics/test.yaml:7: error: the logo logo.png is a CMYK JPEG without a colour profile: its colours cannot be converted"
                + " to sRGB | save the logo as an RGB PNG or JPEG"), refused(cmyk));
        BufferedImage im = converted(Images.withProfile(cmyk, Images.cmykProfile()));
        int paper = im.getRGB(3, 4);
        int cyan = im.getRGB(12, 4);
        assertTrue((paper >> 16 & 0xFF) > 240 && (paper >> 8 & 0xFF) > 240 && (paper & 0xFF) > 240, "no ink is white paper: " + Integer.toHexString(paper));
        // process cyan is about sRGB (0, 174, 239)
        assertTrue((cyan >> 16 & 0xFF) < 40 && Math.abs((cyan >> 8 & 0xFF) - 174) < 25 && (cyan & 0xFF) > 215, "full cyan: " + Integer.toHexString(cyan));
    }

    @Test
    void theProfileReportsTheLogoAtItsFileLine() throws IOException {
        byte[] garbage = new byte[16];
        Files.write(dir.resolve("big.png"), png(chunk("IHDR", ihdr(20000, 20000, 8, 2)), chunk("IDAT", garbage)));
        Files.writeString(dir.resolve("test.yaml"), """
                clinic: test
                name: "A clinic"
                address: ["1 Main Street"]
                logo:
                  alt: "A clinic"
                  file: big.png
                """);
        Problems p = new Problems();
        assertTrue(ClinicLoader.load(dir.resolve("test.yaml"), "clinics/test.yaml", p).isEmpty(), "no clinic with a refused logo");
        assertEquals(List.of("clinics/test.yaml:6: error: the logo big.png is 20000 × 20000 pixels; a logo has at most 4000 pixels a side and 4 megapixels"),
                p.sorted().stream().map(Problem::format).toList());
    }
}
