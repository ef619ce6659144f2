package org.handout.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.junit.jupiter.api.Test;

/**
 * The empty glyphs appended to a FontBox subset are real glyphs of a valid font: FontBox (and so
 * veraPDF and the viewers that use FreeType) read the new glyph count, their advances and empty
 * outlines, the old glyphs unchanged, and the file's checksums right.
 */
class EmptyGlyphsTest {
    /** A subset of the Hebrew face, written as the PDF writer writes it ({@link org.handout.layout.Face#subset}). */
    private static byte[] subset() {
        org.handout.report.Problems p = new org.handout.report.Problems();
        org.handout.layout.Face hebrew = org.handout.layout.FontBook.load(Path.of("fonts"), "fonts", p)
                .orElseThrow(() -> new AssertionError(p.sorted())).chain("he").faces(false).stream()
                .filter(f -> f.file().startsWith("NotoSansHebrew")).findFirst().orElseThrow();
        return hebrew.subset(Set.of(10, 20, 30)).bytes();
    }

    @Test
    void appendedGlyphsHaveTheirAdvancesAndNoOutlineAndTheOldGlyphsAreUnchanged() throws IOException {
        byte[] before = subset();
        int n = EmptyGlyphs.count(before);
        byte[] after = EmptyGlyphs.append(before, new int[] {0, 268, 1200});
        try (TrueTypeFont a = new TTFParser(true).parse(new RandomAccessReadBuffer(before));
             TrueTypeFont b = new TTFParser(true).parse(new RandomAccessReadBuffer(after))) {
            assertEquals(n + 3, b.getNumberOfGlyphs());
            assertEquals(n + 3, EmptyGlyphs.count(after));
            assertEquals(0, b.getAdvanceWidth(n));
            assertEquals(268, b.getAdvanceWidth(n + 1));
            assertEquals(1200, b.getAdvanceWidth(n + 2));
            assertTrue(b.getHorizontalHeader().getAdvanceWidthMax() >= 1200, "hhea's widest advance follows");
            for (int g = n; g < n + 3; g++) {
                var glyph = b.getGlyph().getGlyph(g);
                assertTrue(glyph == null || glyph.getPath().getBounds2D().isEmpty(), "glyph " + g + " draws nothing");
            }
            for (int g = 0; g < n; g++) {
                assertEquals(a.getAdvanceWidth(g), b.getAdvanceWidth(g), "advance of glyph " + g);
                var ga = a.getGlyph().getGlyph(g);
                var gb = b.getGlyph().getGlyph(g);
                assertEquals(ga == null ? null : ga.getPath().getBounds2D(), gb == null ? null : gb.getPath().getBounds2D(), "outline of glyph " + g);
            }
        }
    }

    @Test
    void theChecksumsAreRight() {
        byte[] after = EmptyGlyphs.append(subset(), new int[] {500});
        // the whole file sums to 0xB1B0AFBA (the 'head' adjustment), and every table to its record's checksum
        assertEquals(0xB1B0AFBAL, sum(after, 0, after.length));
        int tables = (after[4] & 0xFF) << 8 | after[5] & 0xFF;
        for (int i = 0; i < tables; i++) {
            int r = 12 + 16 * i;
            String tag = new String(after, r, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            long recorded = u32(after, r + 4);
            int offset = (int) u32(after, r + 8);
            int length = (int) u32(after, r + 12);
            byte[] t = java.util.Arrays.copyOfRange(after, offset, offset + length);
            if (tag.equals("head")) {
                t[8] = t[9] = t[10] = t[11] = 0;
            }
            assertEquals(recorded, sum(t, 0, t.length), "checksum of '" + tag + "'");
        }
    }

    private static long u32(byte[] b, int at) {
        return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFFL) << 16) | ((b[at + 2] & 0xFFL) << 8) | (b[at + 3] & 0xFFL);
    }

    private static long sum(byte[] b, int from, int length) {
        long s = 0;
        for (int i = from; i < from + length; i += 4) {
            long w = 0;
            for (int k = 0; k < 4; k++) {
                w = w << 8 | (i + k < from + length ? b[i + k] & 0xFF : 0);
            }
            s = s + w & 0xFFFFFFFFL;
        }
        return s;
    }
}
