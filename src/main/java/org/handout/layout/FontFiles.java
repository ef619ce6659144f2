package org.handout.layout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a font file is, read from its first bytes and its table directory before the JDK, OpenPDF
 * or FontBox parse it: a font they would read differently, or one of them not at all, is refused
 * with what to do, so that no build stops half-way on a font.
 *
 * <p>Only single TrueType-outline fonts (sfnt version 0x00010000) are accepted. Refused, and why
 * not supported instead:
 * <ul>
 * <li>CFF outlines ({@code OTTO}): OpenPDF subsets CFF poorly (about 400 KB per leaflet for a
 * CJK face, against a few dozen KB as TrueType: fonts/README.md) and FontBox's TrueType parser,
 * which the ToUnicode maps use, cannot read it; {@code fonts/tools/make-cjk-subset.py} converts
 * CFF to TrueType.
 * <li>collections ({@code ttcf}): the JDK always opens face 0 of a collection while OpenPDF and
 * FontBox need an index, so the text would be shaped with one face and embedded with another.
 * <li>web fonts ({@code wOFF}, {@code wOF2}): compressed; none of the three reads them.
 * <li>Apple's {@code true} header: the JDK and FontBox read it, OpenPDF does not.
 * </ul>
 * The tables required are those any of the three insists on (measured by removing each in turn
 * with fontTools): the JDK needs {@code maxp} and {@code name}; OpenPDF {@code name}, {@code OS/2}
 * and {@code hmtx}; FontBox {@code head}, {@code hhea}, {@code maxp}, {@code post}, {@code name},
 * {@code hmtx}, {@code cmap} (with a Unicode subtable), {@code loca} and {@code glyf}. Hand-written
 * because the libraries tell only by failing, late and without saying what to do.
 */
final class FontFiles {
    static final List<String> REQUIRED = List.of("head", "hhea", "maxp", "hmtx", "cmap", "loca", "glyf", "name", "post", "OS/2");

    /** Why a font file cannot be used, and what to do about it. */
    record Refusal(String message, String hint) {
    }

    private FontFiles() {
    }

    /** Why {@code shown} (the file as named in messages) cannot be used, if it cannot. */
    static Optional<Refusal> check(String shown, byte[] bytes) {
        String file = "font file " + shown;
        if (bytes.length < 12) {
            return refuse(file + " is not a TrueType font", NOT_A_FONT);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int version = b.getInt(0);
        String tag = new String(bytes, 0, 4, StandardCharsets.ISO_8859_1);
        switch (tag) {
            case "OTTO" -> {
                return refuse(file + " has CFF (PostScript) outlines ('OTTO'); handout embeds TrueType (glyf) outlines only",
                        "use the TrueType (glyf) version of the font, or convert it as fonts/tools/make-cjk-subset.py does");
            }
            case "ttcf" -> {
                return refuse(file + " is a font collection (several faces in one file); handout needs one face per file",
                        "take the face out of the collection, e.g. with fontTools: TTCollection(file).fonts[i].save(...), as fonts/tools/make-cjk-subset.py does");
            }
            case "wOFF", "wOF2" -> {
                return refuse(file + " is a web font (" + (tag.equals("wOFF") ? "WOFF" : "WOFF2") + "); handout needs the TrueType font itself",
                        "use the .ttf the web font was made from, or unpack it with fontTools: f = TTFont(file); f.flavor = None; f.save(...)");
            }
            case "true" -> {
                return refuse(file + " has Apple's 'true' header, which OpenPDF cannot read",
                        "save it with the standard header, e.g. with fontTools: f = TTFont(file); f.sfntVersion = '\\x00\\x01\\x00\\x00'; f.save(...)");
            }
            default -> {
                if (version != 0x00010000) {
                    return refuse(file + " is not a TrueType font", NOT_A_FONT);
                }
            }
        }
        int count = b.getShort(4) & 0xFFFF;
        if (12L + 16L * count > bytes.length) {
            return refuse(file + " is cut short: its table directory runs past the end of the file", CUT_SHORT);
        }
        Map<String, int[]> tables = new HashMap<>();
        for (int i = 0; i < count; i++) {
            int at = 12 + 16 * i;
            String name = new String(bytes, at, 4, StandardCharsets.ISO_8859_1);
            long offset = b.getInt(at + 8) & 0xFFFFFFFFL;
            long length = b.getInt(at + 12) & 0xFFFFFFFFL;
            if (offset + length > bytes.length) {
                return refuse(file + " is cut short: its '" + name + "' table runs past the end of the file", CUT_SHORT);
            }
            tables.put(name, new int[] {(int) offset, (int) length});
        }
        for (String name : REQUIRED) {
            if (!tables.containsKey(name)) {
                return refuse(file + " has no '" + name + "' table, which handout needs to embed it",
                        "the file is incomplete or was made by a tool that drops tables; use the font as its maker ships it");
            }
        }
        return structure(file, b, tables);
    }

    /** The sizes the core tables must agree on, so that no parser reads past a table. */
    private static Optional<Refusal> structure(String file, ByteBuffer b, Map<String, int[]> tables) {
        int[] head = tables.get("head");
        int[] maxp = tables.get("maxp");
        int[] hhea = tables.get("hhea");
        if (head[1] < 54 || b.getInt(head[0] + 12) != 0x5F0F3CF5 || maxp[1] < 6 || hhea[1] < 36) {
            return refuse(file + " is damaged: its 'head', 'maxp' or 'hhea' table is not what the TrueType format says", DAMAGED);
        }
        int unitsPerEm = b.getShort(head[0] + 18) & 0xFFFF;
        int locaFormat = b.getShort(head[0] + 50);
        int glyphs = b.getShort(maxp[0] + 4) & 0xFFFF;
        int metrics = b.getShort(hhea[0] + 34) & 0xFFFF;
        if (unitsPerEm < 16 || unitsPerEm > 16384 || (locaFormat != 0 && locaFormat != 1) || glyphs == 0 || metrics == 0
                || metrics > glyphs) {
            return refuse(file + " is damaged: its 'head', 'maxp' or 'hhea' table is not what the TrueType format says", DAMAGED);
        }
        if (tables.get("hmtx")[1] < 4L * metrics + 2L * (glyphs - metrics)) {
            return refuse(file + " is damaged: its 'hmtx' table is too short for its " + glyphs + " glyphs", DAMAGED);
        }
        int[] loca = tables.get("loca");
        if (loca[1] < (locaFormat == 0 ? 2L : 4L) * (glyphs + 1)) {
            return refuse(file + " is damaged: its 'loca' table is too short for its " + glyphs + " glyphs", DAMAGED);
        }
        long previous = 0;
        for (int g = 0; g <= glyphs; g++) {
            long at = locaFormat == 0 ? 2L * (b.getShort(loca[0] + 2 * g) & 0xFFFF) : b.getInt(loca[0] + 4 * g) & 0xFFFFFFFFL;
            if (at < previous || at > tables.get("glyf")[1]) {
                return refuse(file + " is damaged: its 'loca' table points outside its 'glyf' table", DAMAGED);
            }
            previous = at;
        }
        if (!names(b, tables.get("name"))) {
            return refuse(file + " is damaged: its 'name' table points outside itself", DAMAGED);
        }
        if (!unicodeCmap(b, tables.get("cmap"))) {
            return refuse(file + " has no Unicode character map ('cmap' subtable 3.1, 3.10 or 0.x)",
                    "it is a symbol font or damaged; use a Unicode font");
        }
        return Optional.empty();
    }

    /** Whether every name record of the 'name' table lies inside the table. */
    private static boolean names(ByteBuffer b, int[] name) {
        if (name[1] < 6) {
            return false;
        }
        int count = b.getShort(name[0] + 2) & 0xFFFF;
        int storage = b.getShort(name[0] + 4) & 0xFFFF;
        if (6L + 12L * count > name[1]) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            int at = name[0] + 6 + 12 * i;
            long end = (long) storage + (b.getShort(at + 10) & 0xFFFF) + (b.getShort(at + 8) & 0xFFFF);
            if (end > name[1]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the cmap has a Unicode subtable (platform 0, or Windows 1 or 10) lying inside the table. */
    private static boolean unicodeCmap(ByteBuffer b, int[] cmap) {
        if (cmap[1] < 4) {
            return false;
        }
        int count = b.getShort(cmap[0] + 2) & 0xFFFF;
        if (4L + 8L * count > cmap[1]) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            int at = cmap[0] + 4 + 8 * i;
            int platform = b.getShort(at) & 0xFFFF;
            int encoding = b.getShort(at + 2) & 0xFFFF;
            long offset = b.getInt(at + 4) & 0xFFFFFFFFL;
            boolean unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10));
            if (unicode && offset + 2 <= cmap[1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where a font's glyph outlines lie ('loca' and 'glyf'), to tell a blank glyph without
     * drawing it. Hand-written because the JDK tells only by building the outline, which for the
     * 3,478 characters and faces of the 56 leaflets took 100 ms of processor time (the whole
     * build takes 2.1 s); read here, a glyph costs a few array reads, with the JDK's answer for
     * every glyph of our 19 faces. Never changed, so shared by every thread.
     */
    record Outlines(byte[] bytes, int loca, boolean longOffsets, int glyf, int unitsPerEm) {
        /**
         * A glyph's ink from its origin, in thousandths of an em: its bounding box {x0, y0, x1, y1}
         * (from its glyf header), or null for a glyph without outline. A composite glyph's header
         * holds the box of its parts too.
         */
        float[] ink(int glyph) {
            long start = longOffsets ? u32(loca + 4 * glyph) : 2L * u16(loca + 2 * glyph);
            long end = longOffsets ? u32(loca + 4 * glyph + 4) : 2L * u16(loca + 2 * glyph + 2);
            if (end - start < 10) {
                return null;
            }
            int at = glyf + (int) start;
            float scale = 1000f / unitsPerEm;
            return new float[] {(short) u16(at + 2) * scale, (short) u16(at + 4) * scale, (short) u16(at + 6) * scale, (short) u16(at + 8) * scale};
        }

        /**
         * What is wrong with a glyph's outline: "is blank" when the glyph has no outline data or
         * an empty bounding box (what FontBox and the JDK draw for it: nothing), "is cut short"
         * when its data is shorter than a glyph's header; empty when nothing. (A glyph outside
         * the font, or data outside 'glyf', is refused by {@link #check} already.)
         */
        String fault(int glyph) {
            long start = longOffsets ? u32(loca + 4 * glyph) : 2L * u16(loca + 2 * glyph);
            long end = longOffsets ? u32(loca + 4 * glyph + 4) : 2L * u16(loca + 2 * glyph + 2);
            if (start == end) {
                return "is blank";
            }
            if (end - start < 10) {
                return "is cut short";
            }
            int at = glyf + (int) start;
            short xMin = (short) u16(at + 2);
            short yMin = (short) u16(at + 4);
            short xMax = (short) u16(at + 6);
            short yMax = (short) u16(at + 8);
            return xMin >= xMax || yMin >= yMax ? "is blank" : "";
        }

        private int u16(int at) {
            return (bytes[at] & 0xFF) << 8 | (bytes[at + 1] & 0xFF);
        }

        private long u32(int at) {
            return (long) u16(at) << 16 | u16(at + 2);
        }
    }

    /** The outlines of a file that {@link #check} accepted. */
    static Outlines outlines(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        Map<String, int[]> tables = new HashMap<>();
        int count = b.getShort(4) & 0xFFFF;
        for (int i = 0; i < count; i++) {
            int at = 12 + 16 * i;
            tables.put(new String(bytes, at, 4, StandardCharsets.ISO_8859_1), new int[] {b.getInt(at + 8), b.getInt(at + 12)});
        }
        return new Outlines(bytes, tables.get("loca")[0], b.getShort(tables.get("head")[0] + 50) == 1, tables.get("glyf")[0],
                Math.max(16, b.getShort(tables.get("head")[0] + 18) & 0xFFFF));
    }

    /** FontBox warns that it skips cmap format 14 (variation sequences), which we do not use. */
    private static final java.util.logging.Logger FONTBOX = java.util.logging.Logger.getLogger("org.apache.fontbox.ttf");

    static {
        FONTBOX.setLevel(java.util.logging.Level.SEVERE);
    }

    /**
     * What the PDF writer's libraries make of a font: why one of them cannot read it, or else
     * FontBox's character map of it (kept, so the file is parsed by FontBox once per run).
     */
    /** How a face fared with FontBox: what is wrong, or its parsed font and its Unicode cmap. */
    record Trial(Optional<String> failure, org.apache.fontbox.ttf.TrueTypeFont font, org.apache.fontbox.ttf.CmapLookup cmap) {
    }

    /**
     * Loads a font that passed {@link #check} as the PDF writer will: with FontBox, which maps its
     * glyphs back to text (its cmap, read backwards) and writes the subset that pdf/EmbeddedFonts embeds.
     * A table's bytes can be wrong in ways no header check sees: of 3,000 seeded changes of one to
     * four bytes of NotoSansHebrew-Regular.ttf, 2,049 passed {@link #check} and the JDK, and 35 of
     * those still failed in a PDF library, mostly in GSUB, GPOS and cmap subtables. So each face is
     * tried, once, when a leaflet first needs it: parsed, its cmap read, and a subset of its
     * .notdef glyph written. A font fails there, as a problem that holds back the leaflets that
     * need it, or not at all. Not when the fonts are loaded: trying all 19 faces then added 210 ms
     * to every start, even for one leaflet in one language.
     */
    static Trial trial(byte[] bytes) {
        try {
            var font = new org.apache.fontbox.ttf.TTFParser().parse(new org.apache.pdfbox.io.RandomAccessReadBuffer(bytes));
            var cmap = font.getUnicodeCmapLookup();
            if (cmap == null) {
                return new Trial(Optional.of("FontBox, which embeds it in the PDF, finds no Unicode cmap in it"), null, null);
            }
            var subset = new org.apache.fontbox.ttf.TTFSubsetter(font, SUBSET_TABLES);
            subset.add(0);
            subset.writeToStream(java.io.OutputStream.nullOutputStream());
            return new Trial(Optional.empty(), font, cmap);
        } catch (java.io.IOException | RuntimeException e) {
            return new Trial(Optional.of("FontBox, which embeds it in the PDF, cannot read it (" + reason(e) + ")"), null, null);
        }
    }

    /** The tables a subset keeps: what draws and measures glyphs (PDFBox's own choice for CIDFontType2). */
    public static final java.util.List<String> SUBSET_TABLES =
            java.util.List.of("head", "hhea", "loca", "maxp", "cvt ", "prep", "glyf", "hmtx", "fpgm", "gasp");

    private static String reason(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static final String NOT_A_FONT = "check that fonts.yaml names the right file, and that the file is a .ttf font";
    private static final String CUT_SHORT = "the file is incomplete (an interrupted download or copy); get it again";
    private static final String DAMAGED = "the font file is damaged; replace it";

    private static Optional<Refusal> refuse(String message, String hint) {
        return Optional.of(new Refusal(message, hint));
    }
}
