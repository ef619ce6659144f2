package org.handout.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Damaged copies of a TrueType font's bytes, for tests of what the tool makes of a broken font. */
public final class FontBytes {
    private FontBytes() {
    }

    /** Where a table lies in the file: its offset and length. */
    public record Table(int offset, int length) {
    }

    /** The table named {@code tag} in the font's table directory; fails when there is none. */
    public static Table table(byte[] font, String tag) {
        ByteBuffer b = ByteBuffer.wrap(font);
        int count = b.getShort(4) & 0xFFFF;
        for (int i = 0; i < count; i++) {
            int at = 12 + 16 * i;
            if (new String(font, at, 4, StandardCharsets.ISO_8859_1).equals(tag)) {
                return new Table(b.getInt(at + 8), b.getInt(at + 12));
            }
        }
        throw new IllegalArgumentException("no '" + tag + "' table");
    }

    /** A copy whose 'loca' table is all zeros: every glyph starts and ends at 0, so every glyph is blank. */
    public static byte[] zeroLoca(byte[] font) {
        byte[] copy = font.clone();
        Table loca = table(copy, "loca");
        java.util.Arrays.fill(copy, loca.offset(), loca.offset() + loca.length(), (byte) 0);
        return copy;
    }

    /** A copy whose GSUB ScriptList offset points past the end of the file (HarfBuzz and OpenPDF ignore it, FontBox does not). */
    public static byte[] brokenGsub(byte[] font) {
        byte[] copy = font.clone();
        Table gsub = table(copy, "GSUB");
        ByteBuffer.wrap(copy).putShort(gsub.offset() + 4, (short) 0x7FFF);
        return copy;
    }
}
