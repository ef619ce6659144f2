package org.handout.clinic;

import java.awt.color.CMMException;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.InflaterInputStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.handout.report.Problem;
import org.handout.report.Problems;
import org.w3c.dom.Node;

/**
 * Checks a clinic's logo and turns it into one a leaflet can carry: a PNG or JPEG (told by its
 * content, not its name) of a bounded size, decoded in full here so that a damaged file is a
 * problem at the profile's line, with its colours converted to 8-bit sRGB (the leaflets' output
 * intent) and handed on as a freshly written PNG. What is converted: an embedded ICC profile (a
 * PNG's iCCP chunk, which the JDK's PNG reader does not apply; a JPEG's APP2 profile where the
 * JDK's JPEG reader does not apply it: grey and CMYK), grey (read as sRGB grey, not the JDK's
 * linear grey), 16 bits per sample, a palette with transparency; alpha is kept when a pixel
 * uses it. A CMYK JPEG is converted only with its own profile: without one its inks are unknown.
 */
public final class Logos {
    /** A logo is printed about 5 cm wide: a file larger than this is a photograph or a mistake. */
    public static final int MAX_BYTES = 512 * 1024;
    /**
     * The most pixels on a side and in all. A logo is printed at most 140 × 30 pt (4.9 × 1.1 cm):
     * 600 dpi needs about 1200 pixels across, so 4000 leaves room for any sensible file, and 4
     * megapixels decode into tens of megabytes (32 MB as 16-bit RGBA) instead of the 4 GB a
     * one-colour 20000 × 20000 PNG of 400 KiB took.
     */
    static final int MAX_SIDE = 4000;
    static final long MAX_PIXELS = 4_000_000;
    /** A PNG's profile (RGB or grey) is a few KiB: the most its compressed chunk may inflate to. */
    static final int MAX_PROFILE_BYTES = 1 << 20;
    private static final ColorSpace SRGB = ColorSpace.getInstance(ColorSpace.CS_sRGB);
    /** The JDK JPEG reader's warning (JPEGImageReaderResources) when it leaves out a profile it cannot use. */
    private static final String IGNORED_PROFILE = "Embedded color profile is invalid; ignored";

    private Logos() {
    }

    /**
     * The logo in {@code bytes} (the file {@code fileName}), as an sRGB PNG with its pixel size, or
     * empty with the problem reported at {@code line} of {@code shownProfile}.
     */
    public static Optional<Clinic.Logo> read(byte[] bytes, String fileName, String shownProfile, int line, String alt, Problems problems) {
        try {
            BufferedImage srgb = decode(bytes, fileName);
            return Optional.of(new Clinic.Logo(fileName, png(srgb), srgb.getWidth(), srgb.getHeight(), alt));
        } catch (Refused r) {
            problems.add(Problem.error(shownProfile, line, 0, "", r.getMessage()).withHint(r.hint));
            return Optional.empty();
        }
    }

    private static BufferedImage decode(byte[] bytes, String file) throws Refused {
        if (bytes.length > MAX_BYTES) {
            throw new Refused("the logo " + file + " is larger than " + MAX_BYTES / 1024 + " KiB",
                    "a logo needs far less: save it about 1200 pixels wide");
        }
        String format = format(bytes);
        if (!format.equals("PNG") && !format.equals("JPEG")) {
            throw format.isEmpty()
                    ? new Refused("the logo " + file + " is not an image (PNG or JPEG)", "save the logo as PNG")
                    : new Refused("the logo " + file + " is " + format + "; save it as PNG", format.equals("SVG")
                    ? "a leaflet takes a PNG or JPEG logo: export the drawing about 1200 pixels wide"
                    : "a leaflet takes a PNG or JPEG logo");
        }
        if (format.equals("PNG")) {
            Optional<String> damage = damagedChunk(bytes);
            if (damage.isPresent()) {
                throw damaged(file, format, damage.get());
            }
        }
        ImageReader reader = ImageIO.getImageReadersByFormatName(format.toLowerCase(Locale.ROOT)).next();
        // in memory: ImageIO.createImageInputStream would cache the stream in a temporary file
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
            reader.setInput(in, true, false);
            // the header only: neither reader decodes a pixel for these
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
                throw new Refused("the logo " + file + " is " + width + " × " + height + " pixels; a logo has at most "
                        + MAX_SIDE + " pixels a side and " + MAX_PIXELS / 1_000_000 + " megapixels",
                        "scale it down: it is printed at most 140 × 30 pt (4.9 × 1.1 cm), so 1200 pixels wide is enough even at 600 dpi");
            }
            IIOMetadata meta = reader.getImageMetadata(0);
            Optional<byte[]> profile = format.equals("PNG") ? pngProfile(meta) : jpegProfile(meta);
            int components = format.equals("JPEG") ? jpegComponents(meta) : 0;
            if (components == 4 && profile.isEmpty()) {
                throw new Refused("the logo " + file + " is a CMYK JPEG without a colour profile: its colours cannot be converted to sRGB",
                        "save the logo as an RGB PNG or JPEG");
            }
            BufferedImage image;
            try {
                image = reader.read(0);
            } catch (IOException e) {
                if (components == 4) {
                    throw new Refused("the logo " + file + " is a CMYK JPEG, which this Java cannot read (" + e.getMessage() + ")",
                            "save the logo as an RGB PNG or JPEG");
                }
                throw e;
            }
            // the JDK applies a profile itself only to a colour JPEG; it leaves a grey or CMYK one to us
            boolean ourProfile = format.equals("PNG") || components != 3;
            List<String> damage = warnings.stream().filter(w -> !ourProfile || !w.equals(IGNORED_PROFILE))
                    .map(w -> w.equals(IGNORED_PROFILE) ? "its colour profile cannot be used" : w).distinct().toList();
            if (!damage.isEmpty()) {
                throw damaged(file, format, String.join("; ", damage));
            }
            return srgb(image, ourProfile ? colourSpace(profile, file, format) : Optional.empty(), file, format);
        } catch (IOException | RuntimeException e) {
            // the JDK's decoders throw unchecked exceptions as well as IIOException on bad data
            throw damaged(file, format, describe(e));
        } finally {
            reader.dispose();
        }
    }

    /**
     * What the file is, from its first bytes (empty when none of these). ImageIO has readers for
     * PNG, JPEG, GIF, BMP and TIFF only, so it cannot name an SVG, WebP or PDF for the message.
     */
    static String format(byte[] b) {
        if (starts(b, 0, 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n')) {
            return "PNG";
        }
        if (starts(b, 0, 0xFF, 0xD8, 0xFF)) {
            return "JPEG";
        }
        if (starts(b, 0, 'G', 'I', 'F', '8')) {
            return "GIF";
        }
        if (starts(b, 0, 'R', 'I', 'F', 'F') && starts(b, 8, 'W', 'E', 'B', 'P')) {
            return "WebP";
        }
        if (starts(b, 0, 'B', 'M')) {
            return "BMP";
        }
        if (starts(b, 0, 'I', 'I', '*', 0) || starts(b, 0, 'M', 'M', 0, '*')) {
            return "TIFF";
        }
        if (starts(b, 0, '%', 'P', 'D', 'F')) {
            return "PDF";
        }
        if (starts(b, 4, 'f', 't', 'y', 'p')) {
            String brand = new String(b, 8, Math.min(4, b.length - 8), StandardCharsets.ISO_8859_1);
            return brand.startsWith("avi") ? "AVIF" : brand.startsWith("hei") || brand.startsWith("mif") ? "HEIF" : "";
        }
        String head = new String(b, 0, Math.min(b.length, 4096), StandardCharsets.ISO_8859_1).stripLeading().replace("\u00EF\u00BB\u00BF", "");
        if (head.startsWith("<") && head.contains("<svg")) {
            return "SVG";
        }
        return "";
    }

    private static boolean starts(byte[] b, int at, int... magic) {
        if (b.length < at + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[at + i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first PNG chunk whose checksum does not match, up to IEND. The JDK's PNG reader does not
     * check them (a damaged palette or header would be read as it is); a truncated file is left to it.
     */
    static Optional<String> damagedChunk(byte[] b) {
        ByteBuffer in = ByteBuffer.wrap(b);
        in.position(8);
        while (in.remaining() >= 12) {
            long length = in.getInt() & 0xFFFFFFFFL;
            if (length > in.remaining() - 8) {
                return Optional.empty();
            }
            CRC32 crc = new CRC32();
            crc.update(b, in.position(), 4 + (int) length);
            String type = new String(b, in.position(), 4, StandardCharsets.ISO_8859_1);
            in.position(in.position() + 4 + (int) length);
            if ((in.getInt() & 0xFFFFFFFFL) != crc.getValue()) {
                return Optional.of("its " + type.replaceAll("[^A-Za-z]", "?") + " chunk is damaged (its checksum does not match)");
            }
            if (type.equals("IEND")) {
                break;
            }
        }
        return Optional.empty();
    }

    /** A PNG's iCCP profile, inflated (the JDK keeps it compressed in the metadata and does not apply it). */
    private static Optional<byte[]> pngProfile(IIOMetadata meta) throws IOException {
        for (Node n = tree(meta).getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeName().equals("iCCP") && ((IIOMetadataNode) n).getUserObject() instanceof byte[] compressed) {
                try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(compressed))) {
                    byte[] data = in.readNBytes(MAX_PROFILE_BYTES + 1);
                    if (data.length > MAX_PROFILE_BYTES) {
                        throw new IOException("its colour profile is larger than " + (MAX_PROFILE_BYTES >> 20) + " MiB");
                    }
                    return Optional.of(data);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A JPEG's APP2 profile: the JDK's metadata has it as a profile under the JFIF marker when there
     * is one, else as unknown APP2 segments ("ICC_PROFILE", sequence number, count, data) to join.
     */
    private static Optional<byte[]> jpegProfile(IIOMetadata meta) {
        IIOMetadataNode root = tree(meta);
        var jfif = root.getElementsByTagName("app2ICC");
        if (jfif.getLength() > 0 && ((IIOMetadataNode) jfif.item(0)).getUserObject() instanceof ICC_Profile p) {
            return Optional.of(p.getData());
        }
        TreeMap<Integer, byte[]> chunks = new TreeMap<>();
        var unknown = root.getElementsByTagName("unknown");
        byte[] signature = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < unknown.getLength(); i++) {
            IIOMetadataNode n = (IIOMetadataNode) unknown.item(i);
            if ("226".equals(n.getAttribute("MarkerTag")) && n.getUserObject() instanceof byte[] d && d.length > 14
                    && Arrays.equals(d, 0, 12, signature, 0, 12)) {
                chunks.put(d[12] & 0xFF, Arrays.copyOfRange(d, 14, d.length));
            }
        }
        if (chunks.isEmpty()) {
            return Optional.empty();
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        chunks.values().forEach(all::writeBytes);
        return Optional.of(all.toByteArray());
    }

    /** How many colour components the JPEG's frame has: 1 grey, 3 colour, 4 CMYK or YCCK. */
    private static int jpegComponents(IIOMetadata meta) {
        var sof = tree(meta).getElementsByTagName("sof");
        return sof.getLength() == 0 ? 0 : Integer.parseInt(((IIOMetadataNode) sof.item(0)).getAttribute("numFrameComponents"));
    }

    private static IIOMetadataNode tree(IIOMetadata meta) {
        return (IIOMetadataNode) meta.getAsTree(meta.getNativeMetadataFormatName());
    }

    private static Optional<ICC_ColorSpace> colourSpace(Optional<byte[]> data, String file, String format) throws Refused {
        if (data.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ICC_ColorSpace(ICC_Profile.getInstance(data.get())));
        } catch (IllegalArgumentException e) {
            throw damaged(file, format, "its colour profile cannot be read: " + e.getMessage());
        }
    }

    /**
     * The pixels as 8-bit sRGB, with alpha if any pixel is not opaque: the samples are taken as
     * they are (a palette looked up, 16 bits scaled to 8) and converted from {@code profile} when
     * there is one, else read as sRGB, grey included (the JDK would take grey as linear).
     */
    private static BufferedImage srgb(BufferedImage image, Optional<ICC_ColorSpace> profile, String file, String format) throws Refused {
        int w = image.getWidth();
        int h = image.getHeight();
        Raster raster = image.getRaster();
        ColorModel cm = image.getColorModel();
        int[] alpha = new int[w * h];
        Arrays.fill(alpha, 255);
        Raster colour;
        if (cm instanceof IndexColorModel icm) {
            WritableRaster rgb = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 3, null);
            int[] index = new int[w];
            int[] row = new int[3 * w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, index);
                for (int x = 0; x < w; x++) {
                    row[3 * x] = icm.getRed(index[x]);
                    row[3 * x + 1] = icm.getGreen(index[x]);
                    row[3 * x + 2] = icm.getBlue(index[x]);
                    alpha[y * w + x] = icm.getAlpha(index[x]);
                }
                rgb.setPixels(0, y, w, 1, row);
            }
            colour = rgb;
        } else {
            int bands = cm.getNumColorComponents();
            if (cm.hasAlpha()) {
                int max = (1 << cm.getComponentSize(bands)) - 1;
                int[] row = new int[w];
                for (int y = 0; y < h; y++) {
                    raster.getSamples(0, y, w, 1, bands, row);
                    for (int x = 0; x < w; x++) {
                        alpha[y * w + x] = scale(row[x], max);
                    }
                }
            }
            int[] colourBands = new int[bands];
            Arrays.setAll(colourBands, i -> i);
            colour = raster.createChild(0, 0, w, h, 0, 0, colourBands);
        }
        int bands = colour.getNumBands();
        WritableRaster out = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 3, null);
        if (profile.isPresent()) {
            ICC_ColorSpace from = profile.get();
            if (from.getNumComponents() != bands) {
                throw damaged(file, format, "its colour profile is for " + from.getNumComponents() + " colour components but its pixels have " + bands);
            }
            try {
                new ColorConvertOp(from, SRGB, null).filter(colour, out);
            } catch (CMMException | IllegalArgumentException e) {
                throw damaged(file, format, "its colour profile cannot convert to sRGB: " + e.getMessage());
            }
        } else if (bands == 3 || bands == 1) {
            int[] in = new int[w * bands];
            int[] row = new int[w * 3];
            for (int y = 0; y < h; y++) {
                colour.getPixels(0, y, w, 1, in);
                for (int b = 0; b < bands; b++) {
                    int max = (1 << colour.getSampleModel().getSampleSize(b)) - 1;
                    for (int x = 0; x < w; x++) {
                        int v = scale(in[x * bands + b], max);
                        if (bands == 1) {
                            row[3 * x] = row[3 * x + 1] = row[3 * x + 2] = v;
                        } else {
                            row[3 * x + b] = v;
                        }
                    }
                }
                out.setPixels(0, y, w, 1, row);
            }
        } else {
            throw damaged(file, format, "it has " + bands + " colour components and no colour profile");
        }
        boolean transparent = Arrays.stream(alpha).anyMatch(a -> a != 255);
        int[] argb = new int[w * h];
        int[] row = new int[3 * w];
        for (int y = 0; y < h; y++) {
            out.getPixels(0, y, w, 1, row);
            for (int x = 0; x < w; x++) {
                argb[y * w + x] = alpha[y * w + x] << 24 | row[3 * x] << 16 | row[3 * x + 1] << 8 | row[3 * x + 2];
            }
        }
        BufferedImage result = new BufferedImage(w, h, transparent ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        result.setRGB(0, 0, w, h, argb, 0, w);
        return result;
    }

    private static int scale(int sample, int max) {
        return max == 255 ? sample : (int) ((sample * 255L + max / 2) / max);
    }

    /** The image as a PNG: the JDK's writer, which writes the same bytes for the same pixels. */
    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(image);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a PNG to memory", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static Refused damaged(String file, String format, String detail) {
        return new Refused("the logo " + file + " is a damaged " + format + ": " + detail,
                "open it in an image editor and save it again as an RGB PNG");
    }

    private static String describe(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        return cause != null && cause.getMessage() != null && !m.contains(cause.getMessage()) ? m + " (" + cause.getMessage() + ")" : m;
    }

    /** Why a logo is refused: the message and what to do, for one problem at the profile. */
    private static final class Refused extends Exception {
        private final String hint;

        Refused(String message, String hint) {
            super(message, null, false, false);
            this.hint = hint;
        }
    }
}
