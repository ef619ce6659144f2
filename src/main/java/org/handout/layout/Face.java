package org.handout.layout;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.font.LineMetrics;
import java.awt.font.TextAttribute;
import java.util.Map;

/**
 * One font file in one style, loaded once per run and shared read-only: its bytes (for the PDF
 * writer to embed) and the JDK font used to shape text (HarfBuzz inside the JDK), at 1000 units
 * per em so glyph positions come out in PDF text-space units.
 */
public final class Face {
    /** Unhinted, fractional metrics: positions are the font's own design units. */
    static final FontRenderContext FRC = new FontRenderContext(null, true, true);
    static final float UNITS = 1000f;
    /**
     * The widest a letter or digit may be, in thousandths of an em. The widest in our 19 faces is
     * U+052A CYRILLIC CAPITAL LETTER DZZHE at 1.5 em (in the text we set, U+0986 BENGALI LETTER AA
     * at 1.26 em); a damaged 'hmtx' gives tens of ems.
     */
    static final float WIDEST = 3 * UNITS;

    private final String file;
    private final String shown;
    private final byte[] bytes;
    private final Font font;
    private final float ascent;
    private final float descent;
    /** Advance widths by glyph id, filled on first use; racing writers store the same value. */
    private final float[] advances;
    private final FontFiles.Outlines outlines;
    /** What is wrong with the glyph of each character asked about ("" when nothing), filled on first use. */
    private final java.util.concurrent.ConcurrentHashMap<Integer, String> faults = new java.util.concurrent.ConcurrentHashMap<>();
    /** The lowest character whose glyph has a fault, once one has been found (-1 before); racing writers store the same value. */
    private volatile int firstFault = -1;
    /** What OpenPDF and FontBox make of the file, tried on first use. */
    private volatile FontFiles.Trial trial;

    Face(String file, String shown, byte[] bytes, Font base) {
        this.file = file;
        this.shown = shown;
        this.bytes = bytes;
        // Kerning on. Optional ligatures ("fi") stay off: their glyphs have no Unicode value of their
        // own, so copying text in a viewer that ignores ActualText would lose letters. Required
        // ligatures (Arabic lam-alef, Indic conjuncts) are part of shaping and always applied.
        this.font = base.deriveFont(UNITS).deriveFont(Map.of(TextAttribute.KERNING, TextAttribute.KERNING_ON));
        LineMetrics m = font.getLineMetrics("Hg", FRC);
        this.ascent = m.getAscent();
        this.descent = m.getDescent();
        this.advances = new float[font.getNumGlyphs()];
        java.util.Arrays.fill(advances, Float.NaN);
        this.outlines = FontFiles.outlines(bytes);
    }

    /** The advance of the face's space (U+0020), in thousandths of an em, from the JDK's own character map; found once. */
    float spaceAdvance() {
        float a = spaceAdvance;
        if (Float.isNaN(a)) {
            a = pdfAdvance(font.createGlyphVector(FRC, new char[] {' '}).getGlyphCode(0));
            spaceAdvance = a;
        }
        return a;
    }

    /** {@link #spaceAdvance}, NaN until asked; racing writers store the same value. */
    private volatile float spaceAdvance = Float.NaN;

    /** A glyph's ink box from its origin, in thousandths of an em ({x0, y0, x1, y1}), or null when it has none. */
    float[] ink(int glyph) {
        return glyph < 0 || glyph >= advances.length ? null : outlines.ink(glyph);
    }

    /**
     * The advance of a glyph in thousandths of an em, truncated to a whole number as a PDF
     * font's width array holds it, so a writer can tell where the viewer's pen will be.
     */
    public float pdfAdvance(int glyph) {
        if (glyph < 0 || glyph >= advances.length) {
            return 0;
        }
        float a = advances[glyph];
        if (Float.isNaN(a)) {
            a = (float) Math.floor(font.createGlyphVector(FRC, new int[] {glyph}).getGlyphMetrics(0).getAdvanceX() + 1e-3);
            advances[glyph] = a;
        }
        return a;
    }

    /**
     * Whether a glyph id the shaper returned is one of the font's glyphs. For a character with
     * nothing to draw (a joiner, a direction mark) the JDK returns an invisible glyph, 0xFFFF, that
     * no font has: it must never reach a PDF, where a viewer would look it up.
     */
    public boolean isGlyph(int glyph) {
        return glyph >= 0 && glyph < advances.length;
    }

    /**
     * Whether a glyph of the font draws nothing and takes no room (the empty glyph most fonts map
     * a joiner or a direction mark to), so it can stand in a run for such a character.
     */
    public boolean drawsNothing(int glyph) {
        if (!isGlyph(glyph) || pdfAdvance(glyph) != 0) {
            return false;
        }
        GlyphVector gv = font.createGlyphVector(FRC, new int[] {glyph});
        return gv.getGlyphOutline(0).getBounds2D().isEmpty();
    }

    /** The file name under {@code fonts/}, which also identifies the face. */
    public String file() {
        return file;
    }

    /** The file as problems name it, e.g. {@code fonts/NotoSans-Regular.ttf}. */
    public String shown() {
        return shown;
    }

    /** The font file's bytes; never modify. */
    public byte[] bytes() {
        return bytes;
    }

    Font font() {
        return font;
    }

    /** Whether the face has a glyph for the code point. */
    public boolean covers(int codePoint) {
        return font.canDisplay(codePoint);
    }

    /**
     * What is wrong with the glyph the face maps a character to, if anything: "is blank" when it
     * has no outline, "has no width" or "is N em wide" when a letter or digit has an advance no
     * font would give it. For a character that {@link FontChain#drawsInk draws ink} and that the
     * face covers; looked up once per character (its glyph as the JDK maps it, its outline in the
     * font's 'loca' and 'glyf' tables), and shared by every thread.
     */
    public java.util.Optional<String> fault(int codePoint) {
        String known = faults.get(codePoint);
        if (known == null) {
            known = examine(codePoint);
            faults.putIfAbsent(codePoint, known);
        }
        return known.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(known);
    }

    /**
     * The face's first bad character: the lowest code point that draws ink and whose glyph has a
     * {@link #fault}, given one such, {@code known}. The same whichever text found the damage,
     * so that a build names a damaged font once, with one character.
     */
    public int firstFault(int known) {
        int first = firstFault;
        if (first < 0) {
            first = known;
            for (int cp = 0; cp < known; cp++) {
                if (FontChain.drawsInk(cp) && covers(cp) && fault(cp).isPresent()) {
                    first = cp;
                    break;
                }
            }
            firstFault = first;
        }
        return first;
    }

    private String examine(int codePoint) {
        int glyph = font.createGlyphVector(FRC, Character.toChars(codePoint)).getGlyphCode(0);
        String outline = outlines.fault(glyph);
        if (!outline.isEmpty() || !FontChain.hasOwnWidth(codePoint)) {
            return outline;
        }
        float advance = pdfAdvance(glyph); // the layout asks for it anyway
        if (advance <= 0) {
            return "has no width";
        }
        return advance > WIDEST ? String.format(java.util.Locale.ROOT, "is %.1f em wide", advance / UNITS) : "";
    }

    /**
     * Why the PDF writer could not use the file, if it could not: OpenPDF (which embeds it) and
     * FontBox (which reads its character map) are tried once, the first time a leaflet asks.
     */
    public java.util.Optional<String> unreadable() {
        return trial().failure();
    }

    /**
     * The characters the font's character map gives a glyph (read backwards with FontBox), for
     * ToUnicode maps; only for a face that is not {@link #unreadable}.
     */
    public java.util.List<Integer> characters(int glyph) {
        java.util.List<Integer> codes = cmap().getCharCodes(glyph);
        return codes == null ? java.util.List.of() : codes;
    }

    /** The glyph the font's character map gives a code point (0 when it has none); only for a face that is not {@link #unreadable}. */
    public int glyphFor(int codePoint) {
        return cmap().getGlyphId(codePoint);
    }

    private org.apache.fontbox.ttf.CmapLookup cmap() {
        FontFiles.Trial t = trial();
        if (t.cmap() == null) {
            throw new IllegalStateException(shown + " is unreadable; the composer should have reported it");
        }
        return t.cmap();
    }

    private FontFiles.Trial trial() {
        FontFiles.Trial t = trial;
        if (t == null) {
            synchronized (this) {
                t = trial;
                if (t == null) {
                    t = FontFiles.trial(bytes);
                    trial = t;
                }
            }
        }
        return t;
    }

    /**
     * The bytes of a TrueType subset holding the given glyphs (and .notdef), renumbered from 0, and
     * for each new glyph id the old one: what a PDF embeds of this face. Written by FontBox; one
     * subset at a time per face, since FontBox reads the font through one shared stream.
     */
    public Subset subset(java.util.Set<Integer> glyphs) {
        FontFiles.Trial t = trial();
        if (t.font() == null) {
            throw new IllegalStateException(shown + " is unreadable; the composer should have reported it");
        }
        synchronized (t.font()) {
            try {
                var subsetter = new org.apache.fontbox.ttf.TTFSubsetter(t.font(), FontFiles.SUBSET_TABLES);
                subsetter.addGlyphIds(glyphs);
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                subsetter.writeToStream(out);
                return new Subset(out.toByteArray(), Map.copyOf(subsetter.getGIDMap()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("FontBox cannot subset " + shown, e);
            }
        }
    }

    /** A subset's font program, and for each of its glyph ids the face's own. */
    public record Subset(byte[] bytes, Map<Integer, Integer> oldGlyphs) {
    }

    /**
     * The outline of a glyph at 1000 units per em, y growing downwards (the JDK's own space), for a
     * glyph a PDF draws as a shape rather than as text.
     */
    public java.awt.Shape outline(int glyph) {
        return font.createGlyphVector(FRC, new int[] {glyph}).getGlyphOutline(0);
    }

    /** The font's bounding box, italic angle and cap height, in thousandths of an em, for a PDF font descriptor. */
    public Metrics metrics() {
        FontFiles.Trial t = trial();
        synchronized (t.font()) {
            try {
                var head = t.font().getHeader();
                float scale = UNITS / head.getUnitsPerEm();
                var os2 = t.font().getOS2Windows();
                var post = t.font().getPostScript();
                float cap = os2 != null && os2.getCapHeight() > 0 ? os2.getCapHeight() * scale : ascent;
                return new Metrics(head.getXMin() * scale, head.getYMin() * scale, head.getXMax() * scale, head.getYMax() * scale,
                        post == null ? 0 : post.getItalicAngle(), cap);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("FontBox cannot read the metrics of " + shown, e);
            }
        }
    }

    /** The PostScript name, read once (every PDF that embeds the face names it). */
    private volatile String postScriptName;

    /** The face's PostScript name (from its 'name' table), or a name made from its file when it has none. */
    public String postScriptName() {
        String known = postScriptName;
        if (known == null) {
            known = readPostScriptName();
            postScriptName = known;
        }
        return known;
    }

    private String readPostScriptName() {
        FontFiles.Trial t = trial();
        synchronized (t.font()) {
            try {
                String name = t.font().getName();
                if (name != null && name.matches("[!-~&&[^\\[\\](){}<>/%#]]{1,63}")) {
                    return name;
                }
            } catch (java.io.IOException e) {
                // fall through to the file's name
            }
        }
        return file.replaceFirst("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9-]", "-");
    }

    /** What a PDF font descriptor says of a face, in thousandths of an em. */
    public record Metrics(float xMin, float yMin, float xMax, float yMax, float italicAngle, float capHeight) {
    }

    /** Ascent in thousandths of an em. */
    public float ascent() {
        return ascent;
    }

    /** Descent in thousandths of an em (positive). */
    public float descent() {
        return descent;
    }

    @Override
    public String toString() {
        return file;
    }
}
