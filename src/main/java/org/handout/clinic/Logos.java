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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
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

/**
 * Checks a clinic's logo and turns it into one a leaflet can carry: a PNG or JPEG (told by its
 * content, not its name) of bounded size, pixels and scans (read from the header, before any
 * decoding), decoded in full here so that a damaged file is a problem at the profile's line, its
 * colours converted to 8-bit sRGB (the leaflets' output intent) and handed on as a PNG the JDK
 * writes afresh. Converted: an embedded ICC profile (a PNG's iCCP chunk, which the JDK's PNG
 * reader does not apply; a JPEG's APP2 profile where the JDK's JPEG reader does not apply it, in
 * grey and CMYK), grey (read as sRGB grey, not the JDK's linear grey), 16 bits a sample, a
 * palette with transparency; alpha is kept when a pixel uses it. A CMYK JPEG is converted only
 * with its own profile: without one its inks are unknown.
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
        return read(bytes, fileName, shownProfile, line, alt, "logo", problems);
    }

    /**
     * As {@link #read(byte[], String, String, int, String, Problems)}, for an image that is a
     * {@code what} (a leaflet's "figure"): the problems name it so.
     */
    public static Optional<Clinic.Logo> read(byte[] bytes, String fileName, String shownProfile, int line, String alt, String what,
                                             Problems problems) {
        try {
            BufferedImage srgb = decode(bytes, fileName);
            return Optional.of(new Clinic.Logo(fileName, png(srgb), srgb.getWidth(), srgb.getHeight(), alt));
        } catch (Refused r) {
            problems.add(Problem.error(shownProfile, line, 0, "", r.getMessage().replace("the logo ", "the " + what + " "))
                    .withHint(r.hint.replace("a logo", "a " + what)));
            return Optional.empty();
        }
    }

    /** The logo's bytes checked (size, format, a PNG's chunks, a JPEG's scans), then decoded. */
    private static BufferedImage decode(byte[] bytes, String file) throws Refused {
        if (bytes.length > MAX_BYTES) {
            throw new Refused("the logo " + file + " is larger than " + MAX_BYTES / 1024 + " KiB",
                    "a logo needs far less: save it about 1200 pixels wide");
        }
        String format = ImageBytes.format(bytes);
        if (!format.equals("PNG") && !format.equals("JPEG")) {
            throw format.isEmpty()
                    ? new Refused("the logo " + file + " is not an image (PNG or JPEG)", "save the logo as PNG")
                    : new Refused("the logo " + file + " is " + format + "; save it as PNG", format.equals("SVG")
                    ? "a leaflet takes a PNG or JPEG logo: export the drawing about 1200 pixels wide"
                    : "a leaflet takes a PNG or JPEG logo");
        }
        byte[] pixels = bytes;
        Optional<byte[]> pngProfile = Optional.empty();
        try {
            if (format.equals("PNG")) {
                ImageBytes.Png png = ImageBytes.png(bytes);
                pixels = png.pixels();
                pngProfile = png.profile();
            }
        } catch (ImageBytes.Damaged e) {
            throw damaged(file, format, e.getMessage());
        }
        int scans = format.equals("JPEG") ? ImageBytes.jpegScans(bytes) : 0;
        if (scans > ImageBytes.MAX_JPEG_SCANS) {
            throw new Refused("the logo " + file + " is a progressive JPEG of " + scans + " scans; a logo's JPEG has at most "
                    + ImageBytes.MAX_JPEG_SCANS, "save it again as PNG, or as a JPEG that is not progressive");
        }
        return decode(pixels, format, pngProfile, file);
    }

    /** The image decoded by the JDK's reader, its size checked first from its header, and converted to sRGB. */
    private static BufferedImage decode(byte[] pixels, String format, Optional<byte[]> pngProfile, String file) throws Refused {
        ImageReader reader = ImageIO.getImageReadersByFormatName(format.toLowerCase(Locale.ROOT)).next();
        // in memory: ImageIO.createImageInputStream would cache the stream in a temporary file
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(pixels))) {
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
            Optional<byte[]> profile = format.equals("PNG") ? pngProfile : jpegProfile(meta);
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
