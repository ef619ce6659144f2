package org.handout.clinic;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.InflaterInputStream;

/**
 * What an image file's bytes say before a decoder sees them: its format by its signature, and
 * for a PNG its chunks checked and stripped, for a JPEG how many scans it has. Written by hand
 * because the JDK's readers do not do these things: its PNG reader ignores checksums and inflates
 * every text chunk (a 500 KiB file of 1700 zTXt chunks took 3 s and 850 MB), and its JPEG reader
 * decodes every scan it is given (a 500 KiB progressive JPEG of 35000 scans ran for more than ten
 * minutes).
 */
final class ImageBytes {
    /** libjpeg writes 10 scans for a progressive colour JPEG, other encoders a few more. */
    static final int MAX_JPEG_SCANS = 100;
    /** A PNG's profile (RGB or grey) is a few KiB: the most its compressed chunk may inflate to. */
    static final int MAX_PROFILE_BYTES = 1 << 20;
    /** The chunks a PNG's pixels need; the rest (text, time, gamma, ...) are not given to the decoder. */
    private static final Set<String> KEPT = Set.of("IHDR", "PLTE", "tRNS", "IDAT", "IEND");

    private ImageBytes() {
    }

    /** Why the bytes cannot be used, for a message after "the logo X is a damaged PNG: ". */
    static final class Damaged extends Exception {
        Damaged(String message) {
            super(message, null, false, false);
        }
    }

    /** A PNG's pixel chunks only, and its embedded profile (from iCCP), if any. */
    record Png(byte[] pixels, Optional<byte[]> profile) {
    }

    /** What the file is, from its first bytes: PNG, JPEG, another format's name, or empty. */
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
        if (starts(b, 4, 'f', 't', 'y', 'p') && b.length >= 12) {
            String brand = new String(b, 8, 4, StandardCharsets.ISO_8859_1);
            return brand.startsWith("avi") ? "AVIF" : brand.startsWith("hei") || brand.startsWith("mif") ? "HEIF" : "";
        }
        String head = new String(b, 0, Math.min(b.length, 4096), StandardCharsets.ISO_8859_1).replace("\u00EF\u00BB\u00BF", "").stripLeading();
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
     * The PNG checked chunk by chunk up to IEND (every checksum, no chunk past the end), with only
     * the chunks its pixels need, and its iCCP profile inflated (at most {@link #MAX_PROFILE_BYTES}).
     */
    static Png png(byte[] b) throws Damaged {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        kept.write(b, 0, 8);
        Optional<byte[]> profile = Optional.empty();
        ByteBuffer in = ByteBuffer.wrap(b);
        in.position(8);
        while (true) {
            if (in.remaining() < 12) {
                throw new Damaged("it ends before its last (IEND) chunk: it is cut short");
            }
            int start = in.position();
            long length = in.getInt() & 0xFFFFFFFFL;
            if (length > in.remaining() - 8) {
                throw new Damaged("it ends inside a chunk: it is cut short");
            }
            String type = new String(b, start + 4, 4, StandardCharsets.ISO_8859_1);
            CRC32 crc = new CRC32();
            crc.update(b, start + 4, 4 + (int) length);
            in.position(start + 8 + (int) length);
            if ((in.getInt() & 0xFFFFFFFFL) != crc.getValue()) {
                throw new Damaged("its " + type.replaceAll("[^A-Za-z]", "?") + " chunk is damaged (its checksum does not match)");
            }
            if (KEPT.contains(type)) {
                kept.write(b, start, 12 + (int) length);
            } else if (type.equals("iCCP")) {
                profile = Optional.of(iccp(b, start + 8, (int) length));
            }
            if (type.equals("IEND")) {
                return new Png(kept.toByteArray(), profile);
            }
        }
    }

    /** An iCCP chunk's profile: a name of 1 to 79 Latin-1 characters, a zero, compression method 0, zlib data. */
    private static byte[] iccp(byte[] b, int at, int length) throws Damaged {
        int zero = at;
        while (zero < at + Math.min(length, 80) && b[zero] != 0) {
            zero++;
        }
        if (zero == at || zero >= at + Math.min(length, 80) || zero + 2 > at + length || b[zero + 1] != 0) {
            throw new Damaged("its colour profile (iCCP) chunk is malformed");
        }
        try (InputStream z = new InflaterInputStream(new ByteArrayInputStream(b, zero + 2, at + length - zero - 2))) {
            byte[] data = z.readNBytes(MAX_PROFILE_BYTES + 1);
            if (data.length > MAX_PROFILE_BYTES) {
                throw new Damaged("its colour profile is larger than " + (MAX_PROFILE_BYTES >> 20) + " MiB");
            }
            return data;
        } catch (IOException e) {
            throw new Damaged("its colour profile (iCCP) cannot be inflated: " + e.getMessage());
        }
    }

    /**
     * How many scans (SOS markers) the JPEG has, walking its marker segments and skipping each
     * scan's entropy-coded data (where 0xFF is followed only by 0x00 or a restart marker). A walk
     * that loses its way stops counting; the decoder then reports the damage.
     */
    static int jpegScans(byte[] b) {
        int scans = 0;
        int i = 2;
        while (i + 1 < b.length && (b[i] & 0xFF) == 0xFF) {
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            if (marker == 0xD9) {
                break;
            }
            if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD7) {
                i += 2;
                continue;
            }
            if (i + 3 >= b.length) {
                break;
            }
            i += 2 + ((b[i + 2] & 0xFF) << 8 | b[i + 3] & 0xFF);
            if (marker == 0xDA) {
                scans++;
                while (i + 1 < b.length && !((b[i] & 0xFF) == 0xFF && b[i + 1] != 0 && ((b[i + 1] & 0xFF) < 0xD0 || (b[i + 1] & 0xFF) > 0xD7))) {
                    i++;
                }
            }
        }
        return scans;
    }
}
