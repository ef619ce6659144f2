package org.handout.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Glyphs of one line whose ink reaches into the ink of the line below: a Khmer subscript, a
 * Burmese medial or a Nastaliq descender on a Latin-sized leading. Measured on the page as drawn
 * (each glyph's outline in its embedded font, at its place), not on the fonts' declared metrics,
 * which the deep clusters of some scripts exceed. Two glyphs are on different lines when their
 * baselines are at least 1.2 em apart (a Nastaliq word's cascade stays within one line by less);
 * touching means overlapping by more than a tenth of a point.
 */
public final class LinesApart {
    /** How many collisions a verdict names; the rest are counted. */
    static final int LISTED = 3;
    private static final float BIN = 24;

    private LinesApart() {
    }

    /** One failure per collision found (the first few, then how many more), in page order. */
    public static List<String> failures(PdfReadBack pdf) {
        List<String> out = new ArrayList<>();
        int more = 0;
        int page = 0;
        for (PdfReadBack.PageText p : pdf.pages()) {
            page++;
            List<PdfReadBack.Glyph> glyphs = new ArrayList<>();
            p.spans().forEach(s -> s.glyphs().stream().filter(g -> g.ink() != null).forEach(glyphs::add));
            Map<Integer, List<PdfReadBack.Glyph>> bins = new HashMap<>();
            for (PdfReadBack.Glyph g : glyphs) {
                for (int b = (int) Math.floor(g.ink()[0] / BIN); b <= (int) Math.floor(g.ink()[2] / BIN); b++) {
                    bins.computeIfAbsent(b, k -> new ArrayList<>()).add(g);
                }
            }
            Set<String> seen = new HashSet<>();
            for (List<PdfReadBack.Glyph> bin : bins.values()) {
                // from the top of the page down: each glyph against those a few lines below it
                bin.sort((u, v) -> Float.compare(v.y(), u.y()));
                for (int i = 0; i < bin.size(); i++) {
                    PdfReadBack.Glyph above = bin.get(i);
                    for (int j = i + 1; j < bin.size(); j++) {
                        PdfReadBack.Glyph below = bin.get(j);
                        float em = Math.max(above.size(), below.size());
                        float apart = above.y() - below.y();
                        if (apart > 4 * Math.max(above.size(), 20)) {
                            break;
                        }
                        if (apart < 1.2f * em || apart > 4 * em) {
                            continue;
                        }
                        float[] a = above.ink();
                        float[] b = below.ink();
                        if (a[2] <= b[0] || b[2] <= a[0]) {
                            continue;
                        }
                        float overlap = b[3] - a[1];
                        if (overlap > 0.1f) {
                            String what = String.format(Locale.ROOT, "layout: page %d: the ink of «%s» reaches %.1f pt into «%s» on the line below",
                                    page, above.unicode(), overlap, below.unicode());
                            if (seen.add(above.x() + "," + above.y() + "," + below.x() + "," + below.y())) {
                                if (out.size() < LISTED) {
                                    out.add(what);
                                } else {
                                    more++;
                                }
                            }
                        }
                    }
                }
            }
        }
        if (more > 0) {
            out.add("layout: and " + more + " more places where a line's ink touches the next line's");
        }
        return out;
    }
}
