package org.handout.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.handout.layout.TextArea;

/**
 * Every glyph a PDF draws, in the body and in the page furniture, lies inside its page's text
 * area ({@link TextArea}, the one layout sets text in): nothing runs off the paper or into the
 * margins where a printer may cut it. Glyphs that draw nothing (spaces) are not counted; a glyph
 * may reach {@link TextArea#TOLERANCE} past the area (a hair of rounding).
 */
public final class InsideTextArea {
    /** Spans listed one by one before the rest are counted: one overflowing table makes dozens. */
    static final int LISTED = 5;

    private InsideTextArea() {
    }

    /**
     * One failure per span that reaches out, in reading order, e.g. {@code layout: page 1:
     * «Donaudampf…» runs 212.4 pt past the right edge of the text area}, the first {@value #LISTED}
     * and then how many more; empty when everything lies inside.
     */
    public static List<String> failures(PdfReadBack pdf) {
        List<String> out = all(pdf);
        if (out.size() <= LISTED) {
            return out;
        }
        List<String> first = new ArrayList<>(out.subList(0, LISTED));
        first.add("layout: and " + (out.size() - LISTED) + " more spans outside the text area");
        return first;
    }

    private static List<String> all(PdfReadBack pdf) {
        List<String> out = new ArrayList<>();
        for (int p = 0; p < pdf.pageCount(); p++) {
            PdfReadBack.PageText page = pdf.pages().get(p);
            int number = p + 1;
            TextArea area = TextArea.of(page.width(), page.height());
            for (PdfReadBack.Span span : page.spans()) {
                worst(area, span).filter(o -> o.points() > TextArea.TOLERANCE)
                        .ifPresent(o -> out.add("layout: " + TextArea.describe(number, span.text(), o)));
            }
        }
        return out;
    }

    /** How far the span's drawn glyphs reach out of the area at most, if they do. */
    static Optional<TextArea.Overrun> worst(TextArea area, PdfReadBack.Span span) {
        Optional<TextArea.Overrun> worst = Optional.empty();
        for (PdfReadBack.Glyph g : span.glyphs()) {
            if (g.blank()) {
                continue;
            }
            Optional<TextArea.Overrun> o = area.overrun(g.x(), g.width(), g.y(), g.size());
            if (o.isPresent() && (worst.isEmpty() || o.get().points() > worst.get().points())) {
                worst = o;
            }
        }
        return worst;
    }
}
