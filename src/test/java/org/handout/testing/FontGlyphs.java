package org.handout.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.fontbox.ttf.GlyphData;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.handout.verify.PdfReadBack;

/**
 * Which glyph of an original font file each glyph of a PDF is: the PDF embeds a renumbered subset,
 * so glyphs are matched by their outlines (FontBox reads both). A glyph without outline (a space,
 * an empty glyph carrying text) is {@link #EMPTY}.
 */
public final class FontGlyphs {
    public static final String EMPTY = "∅";

    private final Map<String, String> byOutline = new HashMap<>();
    private final Map<Integer, String> outlineById = new HashMap<>();
    private final Map<String, String> outlineByName = new HashMap<>();
    private final String font;

    private FontGlyphs(String fontFile) throws IOException {
        this.font = fontFile.replace(".ttf", "");
        try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(Files.readAllBytes(TestProject.REAL.resolve("fonts").resolve(fontFile))))) {
            for (int gid = ttf.getNumberOfGlyphs() - 1; gid >= 0; gid--) {
                GlyphData glyph = ttf.getGlyph().getGlyph(gid);
                if (glyph == null || glyph.getPath().getBounds2D().isEmpty()) {
                    continue;
                }
                String digest = PdfReadBack.outline(glyph.getPath());
                byOutline.put(digest, ttf.getPostScript().getName(gid));
                outlineById.put(gid, digest);
                outlineByName.put(ttf.getPostScript().getName(gid), digest);
            }
        }
    }

    public static FontGlyphs of(String fontFile) throws IOException {
        return new FontGlyphs(fontFile);
    }

    /** The original font's name for a glyph drawn in it, {@link #EMPTY} for one without outline, "?" for another font's. */
    public String name(PdfReadBack.Glyph g) {
        if (!g.font().endsWith(font)) {
            return "?";
        }
        return g.blank() ? EMPTY : byOutline.getOrDefault(g.outline(), "?" + g.outline());
    }

    /** The outline digest of the original font's glyph {@code gid} ("" when it has none). */
    public String outline(int gid) {
        return outlineById.getOrDefault(gid, "");
    }

    /**
     * Whether a glyph drawn in this font is the named glyph or one with the same outline (fonts
     * have several: Farsi yeh and alef maksura share their final form).
     */
    public boolean is(PdfReadBack.Glyph g, String name) {
        return g.font().endsWith(font) && !g.blank() && g.outline().equals(outlineByName.get(name));
    }

    /** The glyphs of a span drawn with outlines (the empty glyphs that carry marks' text left out). */
    public List<PdfReadBack.Glyph> inked(PdfReadBack.Span span) {
        return span.glyphs().stream().filter(g -> !g.blank()).toList();
    }

    /** The names of a span's glyphs, in drawing order. */
    public List<String> names(PdfReadBack.Span span) {
        return span.glyphs().stream().map(this::name).toList();
    }
}
