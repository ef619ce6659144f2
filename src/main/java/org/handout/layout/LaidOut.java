package org.handout.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.handout.doc.Leaflet;

/** A leaflet laid out into pages, with its logical structure ({@code tags}), ready to be written as PDF. */
public record LaidOut(Leaflet leaflet, List<Page> pages, Tag tags) {
    public LaidOut {
        pages = List.copyOf(pages);
    }

    /**
     * Every glyph run and image that lies outside its page's {@link TextArea}, and every line of
     * the body drawn down into the footer (a table row, box or card taller than a page, which is
     * never split), one line each ({@code page 1: «Donaudampf…» runs 212.4 pt past the right edge
     * of the text area}), in page order; empty when everything lies where it should. A leaflet
     * with any should not be printed.
     */
    public List<String> outside() {
        return overruns().stream().map(Overrun::description).toList();
    }

    /** One glyph run or image outside where it belongs: its page, its text, and the line that says where and how far. */
    public record Overrun(int page, String text, String description) {
    }

    /** {@link #outside()} as data: the text of each run that lies outside, to find where it was written. */
    public List<Overrun> overruns() {
        List<Overrun> out = new ArrayList<>();
        for (int p = 0; p < pages.size(); p++) {
            Page page = pages.get(p);
            TextArea area = TextArea.of(page.width(), page.height());
            for (Item item : page.items()) {
                switch (item) {
                    case Item.Glyphs g -> {
                        Optional<TextArea.Overrun> worst = Optional.empty();
                        for (int i = 0; i < g.glyphs().length; i++) {
                            float advance = g.face().pdfAdvance(g.glyphs()[i]) * g.size() / Face.UNITS;
                            worst = TextArea.Overrun.worse(worst, area.overrun(g.x() + g.dx()[i], advance, g.y() + g.dy()[i], g.size()));
                        }
                        if (!g.artifact()) {
                            float into = page.bodyBottom() - g.y();
                            worst = TextArea.Overrun.worse(worst, into > 0
                                    ? Optional.of(new TextArea.Overrun("the bottom of the body, into the footer", into)) : Optional.empty());
                        }
                        report(out, p + 1, g.text(), worst);
                    }
                    case Item.Image im -> report(out, p + 1, "image " + Optional.ofNullable(im.tag()).flatMap(Tag::alt).orElse(""),
                            area.box(im.x(), im.x() + im.width(), im.y(), im.y() + im.height()));
                    case Item.Rect r -> {
                        // rules and boxes frame text that is checked itself
                    }
                }
            }
        }
        return out;
    }

    private static void report(List<Overrun> out, int page, String text, Optional<TextArea.Overrun> overrun) {
        overrun.filter(o -> o.points() > TextArea.TOLERANCE).ifPresent(o -> out.add(new Overrun(page, text, TextArea.describe(page, text, o))));
    }
}
