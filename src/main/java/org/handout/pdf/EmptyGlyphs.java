package org.handout.pdf;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends empty glyphs of given advance widths to a TrueType font program (a subset FontBox wrote):
 * the glyphs that carry the text of what a line draws as shapes (see {@link EmbeddedFonts}). A PDF
 * font's widths must agree with its font program's (PDF/A-2 6.2.11.5, PDF/UA-1 7.21.5), so a
 * code drawn as wide as a glyph of another face needs a glyph of that width in this one. FontBox
 * can subset a font but not add to it; the change is small enough to make here: each new glyph has
 * no outline (a 'loca' entry repeating the end of 'glyf'), its own 'hmtx' entry, and 'maxp',
 * 'hhea' and the checksums follow.
 */
final class EmptyGlyphs {
    private EmptyGlyphs() {
    }

    /** The font with {@code advances.length} empty glyphs appended; the first gets id {@link #count}. */
    static byte[] append(byte[] font, int[] advances) {
        if (advances.length == 0) {
            return font;
        }
        Map<String, byte[]> tables = tables(font);
        byte[] head = tables.get("head").clone();
        byte[] maxp = tables.get("maxp").clone();
        byte[] hhea = tables.get("hhea").clone();
        byte[] hmtx = tables.get("hmtx");
        byte[] loca = tables.get("loca");
        byte[] glyf = tables.get("glyf");
        int glyphs = u16(maxp, 4);
        int metrics = u16(hhea, 34);
        boolean longLoca = u16(head, 50) == 1;
        int total = glyphs + advances.length;
        if (total > 0xFFFF) {
            throw new IllegalStateException("a font subset would have more than 65535 glyphs");
        }
        // every glyph its own long metric, the new ones last
        ByteBuffer mtx = ByteBuffer.allocate(total * 4);
        int lastAdvance = 0;
        int widest = u16(hhea, 10);
        for (int g = 0; g < glyphs; g++) {
            int advance;
            int lsb;
            if (g < metrics) {
                advance = u16(hmtx, g * 4);
                lsb = s16(hmtx, g * 4 + 2);
                lastAdvance = advance;
            } else {
                advance = lastAdvance;
                int at = metrics * 4 + (g - metrics) * 2;
                lsb = at + 2 <= hmtx.length ? s16(hmtx, at) : 0;
            }
            mtx.putShort((short) advance).putShort((short) lsb);
        }
        for (int a : advances) {
            mtx.putShort((short) a).putShort((short) 0);
            widest = Math.max(widest, a);
        }
        ByteBuffer newLoca = ByteBuffer.allocate((total + 1) * (longLoca ? 4 : 2));
        newLoca.put(loca, 0, Math.min(loca.length, (glyphs + 1) * (longLoca ? 4 : 2)));
        for (int k = 0; k < advances.length; k++) {
            if (longLoca) {
                newLoca.putInt(glyf.length);
            } else {
                newLoca.putShort((short) (glyf.length / 2));
            }
        }
        put16(maxp, 4, total);
        put16(hhea, 34, total);
        put16(hhea, 10, widest);
        put32(head, 8, 0);
        tables.put("head", head);
        tables.put("maxp", maxp);
        tables.put("hhea", hhea);
        tables.put("hmtx", mtx.array());
        tables.put("loca", newLoca.array());
        byte[] out = write(font, tables);
        // the whole file's checksum, adjusted in 'head' (which write() put first in the file's order of tables)
        int adjust = (int) (0xB1B0AFBAL - checksum(out, 0, out.length));
        int headAt = offsetOf(out, "head");
        put32(out, headAt + 8, adjust);
        return out;
    }

    /** The number of glyphs of a font program ('maxp'). */
    static int count(byte[] font) {
        return u16(tables(font).get("maxp"), 4);
    }

    private static Map<String, byte[]> tables(byte[] font) {
        int n = u16(font, 4);
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            int r = 12 + i * 16;
            String tag = new String(font, r, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            int offset = (int) u32(font, r + 8);
            int length = (int) u32(font, r + 12);
            out.put(tag, java.util.Arrays.copyOfRange(font, offset, offset + length));
        }
        return out;
    }

    private static int offsetOf(byte[] font, String tag) {
        int n = u16(font, 4);
        for (int i = 0; i < n; i++) {
            int r = 12 + i * 16;
            if (new String(font, r, 4, java.nio.charset.StandardCharsets.ISO_8859_1).equals(tag)) {
                return (int) u32(font, r + 8);
            }
        }
        throw new IllegalStateException("no '" + tag + "' table");
    }

    /** The tables in the original's order (sorted by tag, as FontBox writes them), each padded to four bytes. */
    private static byte[] write(byte[] original, Map<String, byte[]> tables) {
        int n = tables.size();
        int size = 12 + 16 * n;
        for (byte[] t : tables.values()) {
            size += (t.length + 3) & ~3;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(original, 0, 12);
        int offset = 12 + 16 * n;
        List<byte[]> bodies = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : tables.entrySet()) {
            byte[] t = e.getValue();
            b.put(e.getKey().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            b.putInt((int) checksum(t, 0, t.length));
            b.putInt(offset);
            b.putInt(t.length);
            offset += (t.length + 3) & ~3;
            bodies.add(t);
        }
        for (byte[] t : bodies) {
            b.put(t);
            for (int pad = t.length; (pad & 3) != 0; pad++) {
                b.put((byte) 0);
            }
        }
        return b.array();
    }

    private static long checksum(byte[] data, int from, int length) {
        long sum = 0;
        for (int i = from; i < from + length; i += 4) {
            long word = 0;
            for (int k = 0; k < 4; k++) {
                word = word << 8 | (i + k < from + length ? data[i + k] & 0xFF : 0);
            }
            sum = sum + word & 0xFFFFFFFFL;
        }
        return sum;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }

    private static int s16(byte[] b, int at) {
        return (short) u16(b, at);
    }

    private static long u32(byte[] b, int at) {
        return ((long) u16(b, at) << 16 | u16(b, at + 2)) & 0xFFFFFFFFL;
    }

    private static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >> 8);
        b[at + 1] = (byte) v;
    }

    private static void put32(byte[] b, int at, int v) {
        put16(b, at, v >>> 16);
        put16(b, at + 2, v & 0xFFFF);
    }
}
