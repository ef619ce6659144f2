package org.handout.layout;

import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.handout.doc.Block;
import org.handout.doc.Leaflet;
import org.handout.doc.Text;

/**
 * Lays a composed leaflet out on pages of one paper size: every block becomes units of known height (a line, a
 * list item, a box, a table row), units are placed top to bottom, and a page ends where the next
 * unit, together with whatever must stay with it, no longer fits. Headings stay with what follows
 * them; list items, call-out boxes, contact cards and table rows are never split; a paragraph
 * leaves no single line alone at either end of a page; a table repeats its header on a new page.
 * Right-to-left leaflets are mirrored: text aligns right, bullets, accents and table columns too.
 * Everything is drawn inside the page's {@link TextArea}: a word wider than its column breaks
 * (see {@link Typesetter}), table columns add up to the table, and the draft mark and the page
 * label take as many lines as they need; {@link LaidOut#outside()} reports anything that still
 * does not fit (a row, box or card taller than a page).
 */
public final class Layouter {
    static final float MARGIN_X = 56;
    static final float MARGIN_TOP = 46;
    static final float MARGIN_BOTTOM = 28;
    /** Nothing is drawn closer than this to the paper's top edge: the top of a clinic's logo. */
    static final float TOP_EDGE = 10;
    /** Line height as a multiple of the size, unless a face needs more (Naskh Arabic). */
    static final float LEADING = 1.42f;
    /** The least space between the ink of one line and the next, in ems of the text. */
    static final float INK_GAP = 0.1f;

    static final int INK = 0x1A1A1A;
    static final int ACCENT = 0x14507A;
    static final int MUTED = 0x555555;
    static final int WARNING = 0x9B1C1C;
    static final int RULE = 0xB8C7D3;
    static final int CALLOUT_FILL = 0xFDF1E3;
    static final int CALLOUT_ACCENT = 0xC8641E;
    static final int CALLOUT_TITLE = 0x8A3B0B;
    static final int TABLE_HEAD = 0xE3EEF6;

    static final TextStyle TITLE = new TextStyle(20, true, ACCENT);
    static final TextStyle HEADING = new TextStyle(13.5f, true, ACCENT);
    static final TextStyle SUBHEADING = new TextStyle(11.5f, true, ACCENT);
    static final TextStyle CAPTION = new TextStyle(9, false, MUTED);
    static final TextStyle BODY = new TextStyle(10.5f, false, INK);
    static final TextStyle STRONG_BODY = new TextStyle(10.5f, true, INK);
    static final TextStyle CALLOUT_HEADING = new TextStyle(11.5f, true, CALLOUT_TITLE);
    static final TextStyle CELL = new TextStyle(9.5f, false, INK);
    static final TextStyle CARD_NAME = new TextStyle(11, true, ACCENT);
    static final TextStyle CARD_TEXT = new TextStyle(10, false, INK);
    static final TextStyle FOOTER = new TextStyle(7.5f, false, MUTED);
    static final TextStyle FOOTER_WARNING = new TextStyle(7.5f, true, WARNING);

    /**
     * A table column keeps at least this share of its own width, however long the words of the
     * others: "what it means" and "how it is treated" stay columns of sentences, not of syllables.
     */
    static final float COLUMN_FLOOR = 0.6f;
    static final float CELL_PAD = 5;
    /** Lists this short are never broken across pages. */
    static final int SHORT_LIST = 5;
    /** Space between two contact cards side by side. */
    static final float CARD_GAP = 10;
    static final float CARD_PAD = 9;
    /** A last page filled less than this share of its body is pulled back by tighter spacing if it can be. */
    static final float SHORT_LAST_PAGE = 0.3f;

    private final FontChain chain;
    private final ULocale locale;
    private final Paper paper;
    private final Align align;

    /**
     * A layouter for one language: its font chain, the locale that decides line breaks and
     * hyphenation, the paper, and whether body text is ragged or justified.
     */
    public Layouter(FontChain chain, ULocale locale, Paper paper, Align align) {
        this.chain = chain;
        this.locale = locale;
        this.paper = paper;
        this.align = align;
    }

    /** A layouter for ragged text on A4. */
    public Layouter(FontChain chain, ULocale locale) {
        this(chain, locale, Paper.A4, Align.START);
    }

    /** Lays out the leaflet into pages. */
    public LaidOut layout(Leaflet leaflet) {
        return new Job(leaflet).run();
    }

    /**
     * Table column widths, in logical order, that always add up to {@code total}: each column's
     * {@code preferred} width (the stage table's proportions), widened where its longest word
     * ({@code need}, with the cell's padding) would not fit, with the room taken from the other
     * columns in proportion to what they can spare above their own longest word, and never below
     * {@link #COLUMN_FLOOR} of their preferred width ("Диссеминированная" widens the stage
     * column). Where the longest words cannot all fit so, the column that asks most beyond its own
     * width gives up keeping its longest word whole and keeps its preferred width, and so on until
     * the rest fit: its cells break that word (hyphenated where the language has patterns, else
     * between grapheme clusters) rather than push the table off the page.
     */
    static float[] columnWidths(float[] preferred, float[] need, float total) {
        int n = preferred.length;
        float[] lower = new float[n];
        boolean[] givesUp = new boolean[n];
        while (true) {
            float sum = 0;
            for (int i = 0; i < n; i++) {
                lower[i] = givesUp[i] ? preferred[i] : Math.max(need[i], COLUMN_FLOOR * preferred[i]);
                sum += lower[i];
            }
            int greediest = -1;
            for (int i = 0; i < n; i++) {
                if (!givesUp[i] && need[i] > preferred[i]
                        && (greediest < 0 || need[i] / preferred[i] > need[greediest] / preferred[greediest])) {
                    greediest = i;
                }
            }
            if (sum <= total || greediest < 0) {
                break;
            }
            givesUp[greediest] = true;
        }
        float[] widths = preferred.clone();
        float missing = 0;
        float spare = 0;
        for (int i = 0; i < n; i++) {
            missing += Math.max(0, lower[i] - widths[i]);
            spare += Math.max(0, widths[i] - lower[i]);
        }
        if (missing > 0 && spare > 0) {
            float share = Math.min(1, missing / spare);
            for (int i = 0; i < n; i++) {
                widths[i] = widths[i] < lower[i] ? lower[i] : widths[i] - (widths[i] - lower[i]) * share;
            }
        }
        return widths;
    }

    /** Draws a unit with its top edge at {@code top}. */
    @FunctionalInterface
    private interface Drawer {
        void draw(float top, List<Item> out);
    }

    /** Something of fixed height in the flow; {@code header} is repeated above it when it starts a page. */
    private record Unit(float spaceBefore, float height, boolean keepWithNext, Unit header, Drawer drawer) {
        Unit keep(boolean keep) {
            return new Unit(spaceBefore, height, keep, header, drawer);
        }

        Unit withSpace(float space) {
            return new Unit(space, height, keepWithNext, header, drawer);
        }

        Unit withHeader(Unit h) {
            return new Unit(spaceBefore, height, keepWithNext, h, drawer);
        }
    }

    private final class Job {
        private final Leaflet leaflet;
        private final Typesetter ts;
        private final boolean rtl;
        private final TextArea area = TextArea.of(paper);
        private final float left = area.left();
        private final float width = area.width();
        /** The leaflet's logical structure, built in reading order along with the units. */
        private final Tag doc = Tag.document();

        Job(Leaflet leaflet) {
            this.leaflet = leaflet;
            this.rtl = leaflet.rightToLeft();
            this.ts = new Typesetter(chain, locale, rtl);
        }

        LaidOut run() {
            // a clinic's logo is read first, before the title
            Optional<Item.Image> logo = leaflet.logo().map(l -> {
                float h = 30;
                float w = Math.min(140, h * l.width() / l.height());
                float hh = w * l.height() / l.width();
                float x = rtl ? left : left + width - w;
                return new Item.Image(x, area.top() - hh, w, hh, l.bytes(), doc.figure(l.alt()));
            });
            // the draft mark stands beside the logo; lines of it past the first move the body down
            float beside = logo.map(l -> l.width() + CARD_GAP).orElse(0f);
            List<Line> mark = leaflet.draftMark().map(m -> draftMark(m, width - beside)).orElse(List.of());
            List<Unit> body = new ArrayList<>();
            List<Block> blocks = leaflet.blocks();
            for (int i = 0; i < blocks.size(); i++) {
                if (blocks.get(i) instanceof Block.Card) {
                    List<Block.Card> run = new ArrayList<>();
                    while (i < blocks.size() && blocks.get(i) instanceof Block.Card c) {
                        run.add(c);
                        i++;
                    }
                    i--;
                    body.addAll(cards(run, left, width, doc));
                    continue;
                }
                List<Unit> us = new ArrayList<>(units(blocks.get(i), left, width, doc));
                boolean leadIn = blocks.get(i) instanceof Block.Paragraph && i + 1 < blocks.size()
                        && (blocks.get(i + 1) instanceof Block.ListBlock || blocks.get(i + 1) instanceof Block.Table
                        || blocks.get(i + 1) instanceof Block.Checklist || blocks.get(i + 1) instanceof Block.Qr);
                if (leadIn && !us.isEmpty()) {
                    // "Your child may have some of these tests:" stays with the list it introduces
                    us.set(us.size() - 1, us.get(us.size() - 1).keep(true));
                }
                body.addAll(us);
            }
            List<Unit> footer = footer();
            float top = paper.height() - MARGIN_TOP - Math.max(0, mark.size() - 1) * lineHeight(FOOTER_WARNING);
            // room for the page label's lines: "page 1 of 1" first, then as many as the longest
            // label of the pages there are takes (a few tries: more room can mean more pages)
            int labelLines = labelLines(1);
            float footerHeight;
            float bottom;
            List<List<Item>> pages;
            for (int attempt = 0; ; attempt++) {
                footerHeight = stackHeight(footer) + labelLines * lineHeight(FOOTER) + 10;
                bottom = MARGIN_BOTTOM + footerHeight + 14;
                pages = paginate(body, top, bottom);
                int needed = labelLines(pages.size());
                if (needed <= labelLines || attempt == 3) {
                    break;
                }
                labelLines = needed;
            }
            List<Page> out = new ArrayList<>();
            for (int i = 0; i < pages.size(); i++) {
                List<Item> items = new ArrayList<>();
                if (i == 0) {
                    logo.ifPresent(items::add);
                }
                items.addAll(pages.get(i));
                drawFooter(footer, footerHeight, i + 1, pages.size(), items);
                drawDraftMark(mark, rtl ? left + beside : left, items);
                out.add(new Page(paper.width(), paper.height(), bottom, items));
            }
            return new LaidOut(leaflet, out, doc);
        }

        /**
         * Pages of the body between {@code top} and {@code bottom}. A last page holding a line or
         * two reads as a mistake: if tighter space between blocks (never tighter lines) brings it
         * back onto the page before, that is taken.
         */
        private List<List<Item>> paginate(List<Unit> body, float top, float bottom) {
            List<List<Item>> pages = paginate(body, top, bottom, 1);
            if (pages.size() > 1 && top - endY < SHORT_LAST_PAGE * (top - bottom)) {
                for (float spacing : new float[] {0.75f, 0.5f}) {
                    int count = pages.size();
                    List<List<Item>> tighter = paginate(body, top, bottom, spacing);
                    if (tighter.size() < count) {
                        return tighter;
                    }
                }
            }
            return pages;
        }

        // ---- blocks to units -------------------------------------------------------------

        private List<Unit> units(Block block, float x, float w, Tag parent) {
            return switch (block) {
                case Block.Heading h when h.level() == 1 -> {
                    List<Unit> us = new ArrayList<>(lines(h.text(), TITLE, x, w, 0, parent.heading("H1", h.text().plainText()), true));
                    us.add(new Unit(4, 12, true, null, (top, out) ->
                            out.add(new Item.Rect(x, top - 2, w, 1.6f, ACCENT, -1, 0))));
                    yield us;
                }
                case Block.Heading h -> lines(h.text(), h.level() == 2 ? HEADING : SUBHEADING, x, w, h.level() == 2 ? 12 : 8,
                        parent.heading("H" + Math.min(6, h.level()), h.text().plainText()), true);
                case Block.Paragraph p -> paragraph(lines(p.text(), BODY, x, w, 6, parent.add("P"), false, align));
                case Block.ListBlock l -> list(l, x, w, parent, BODY);
                case Block.Callout c -> List.of(callout(c, x, w, parent));
                case Block.Table t -> table(t, x, w, parent);
                case Block.Card c -> cards(List.of(c), x, w, parent);
                case Block.Definitions d -> definitions(d, x, w, parent);
                case Block.Checklist c -> checklist(c, x, w, parent);
                case Block.Figure f -> figure(f.png(), f.width(), f.height(), f.share(), f.alt(), f.caption(), x, w, parent);
                case Block.Qr q -> qr(q, x, w, parent);
            };
        }

        /**
         * A list: each item's label (a bullet, or its number in the language's digits) and text,
         * never split, then the blocks under it (a nested list, indented). A short list stays
         * whole; a long one leaves no single item alone at either end of a page.
         */
        private List<Unit> list(Block.ListBlock l, float x, float w, Tag parent, TextStyle st) {
            List<Unit> us = new ArrayList<>();
            int n = l.items().size();
            Tag list = parent.add("L");
            if (l.numbered()) {
                list.numbered();
            }
            float indent = 16;
            for (Block.Item item : l.items()) {
                indent = Math.max(indent, ts.set(Text.plain(item.label()), st, w).get(0).width() + 8);
            }
            for (int i = 0; i < n; i++) {
                Block.Item item = l.items().get(i);
                boolean keep = n <= SHORT_LIST ? i < n - 1 : i == 0 || i == n - 2;
                Tag li = list.add("LI");
                Unit u = bullet(item.label(), item.text(), st, x, w, indent, li, l.numbered(), !item.blocks().isEmpty())
                        .withSpace(i == 0 ? 4 : 2);
                List<Unit> inner = new ArrayList<>();
                if (!item.blocks().isEmpty()) {
                    Tag body = li.kids().get(li.kids().size() - 1);
                    float nx = rtl ? x : x + indent;
                    for (Block b : item.blocks()) {
                        inner.addAll(units(b, nx, w - indent, body));
                    }
                }
                us.add(u.keep(keep || !inner.isEmpty()));
                for (int k = 0; k < inner.size(); k++) {
                    Unit in = inner.get(k);
                    us.add(k == inner.size() - 1 ? in.keep(keep || in.keepWithNext()) : in);
                }
            }
            return us;
        }

        /** A definition list: each term in bold, its meaning under it, indented; each kept whole. */
        private List<Unit> definitions(Block.Definitions d, float x, float w, Tag parent) {
            List<Unit> us = new ArrayList<>();
            Tag list = parent.add("L");
            float indent = 12;
            for (int i = 0; i < d.items().size(); i++) {
                Block.Definition def = d.items().get(i);
                Tag li = list.add("LI");
                Tag label = li.add("Lbl");
                Tag body = li.add("LBody");
                List<Line> term = ts.set(def.term(), STRONG_BODY, w);
                List<Line> meaning = ts.set(def.meaning(), BODY, w - indent, align);
                float h = lineHeight(BODY);
                float mx = rtl ? x : x + indent;
                us.add(new Unit(i == 0 ? 6 : 4, h * (term.size() + meaning.size()), false, null, (top, out) -> {
                    float y = top;
                    for (Line line : term) {
                        drawLine(line, STRONG_BODY, x, w, y, label, out);
                        y -= h;
                    }
                    for (Line line : meaning) {
                        drawLine(line, BODY, mx, w - indent, y, body, out);
                        y -= h;
                    }
                }));
            }
            return us;
        }

        /**
         * A checklist: a box to tick before each item (drawn, not text: a screen reader reads the
         * items), then empty ruled lines for the family's own notes.
         */
        private List<Unit> checklist(Block.Checklist c, float x, float w, Tag parent) {
            List<Unit> us = new ArrayList<>();
            Tag list = parent.add("L");
            float indent = 20;
            float h = lineHeight(BODY);
            float box = BODY.size() * 0.9f;
            for (int i = 0; i < c.items().size(); i++) {
                Tag li = list.add("LI");
                Tag body = li.add("LBody");
                List<Line> lines = ts.set(c.items().get(i), BODY, w - indent, align);
                float textX = rtl ? x : x + indent;
                float bx = rtl ? x + w - box - 2 : x + 2;
                boolean keep = i < c.items().size() - 1 && (c.items().size() <= SHORT_LIST || i == 0 || i == c.items().size() - 2);
                us.add(new Unit(i == 0 ? 6 : 5, h * lines.size(), keep, null, (top, out) -> {
                    float by = top - (h - box) / 2 - box;
                    out.add(new Item.Rect(bx, by, box, box, -1, ACCENT, 0.9f));
                    float y = top;
                    for (Line line : lines) {
                        drawLine(line, BODY, textX, w - indent, y, body, out);
                        y -= h;
                    }
                }));
            }
            for (int i = 0; i < c.lines(); i++) {
                us.add(new Unit(i == 0 ? 10 : 0, 22, i < c.lines() - 1, null, (top, out) ->
                        out.add(new Item.Rect(x, top - 20, w, 0.6f, RULE, -1, 0))));
            }
            return us;
        }

        /**
         * A QR code at the start side of the column, its caption beside it (at the end side, and
         * vertically centred): a code needs no more width than a thumb, and a caption under it
         * would take lines of its own. Tagged as a figure whose alternative text is the address.
         */
        private List<Unit> qr(Block.Qr q, float x, float w, Tag parent) {
            float side = Math.min(w * 0.16f, 80);
            byte[] png = Qr.png(q.url());
            Tag fig = parent.figure(q.url());
            float gap = 12;
            float textW = w - side - gap;
            List<Line> lines = q.caption().map(c -> ts.set(c, CAPTION, textW)).orElse(List.of());
            Tag cap = q.caption().isPresent() ? parent.add("Caption") : null;
            float lh = lineHeight(CAPTION);
            float h = Math.max(side, lines.size() * lh);
            float qx = rtl ? x + w - side : x;
            float tx = rtl ? x : x + side + gap;
            return List.of(new Unit(10, h, false, null, (top, out) -> {
                out.add(new Item.Image(qx, top - (h + side) / 2, side, side, png, fig));
                float y = top - (h - lines.size() * lh) / 2;
                for (Line line : lines) {
                    drawLine(line, CAPTION, tx, textW, y, cap, out);
                    y -= lh;
                }
            }));
        }

        /** A picture centred in the column at {@code share} of its width, tagged as a figure with its alt text, and its caption. */
        private List<Unit> figure(byte[] png, int pw, int ph, float share, String alt, java.util.Optional<Text> caption,
                                  float x, float w, Tag parent) {
            float iw = w * share;
            float ih = iw * ph / pw;
            float maxH = (paper.height() - MARGIN_TOP - MARGIN_BOTTOM) * 0.45f;
            if (ih > maxH) {
                iw = iw * maxH / ih;
                ih = maxH;
            }
            float fw = iw;
            float fh = ih;
            float fx = x + (w - iw) / 2;
            Tag fig = parent.figure(alt);
            List<Unit> us = new ArrayList<>();
            us.add(new Unit(10, fh, caption.isPresent(), null, (top, out) ->
                    out.add(new Item.Image(fx, top - fh, fw, fh, png, fig))));
            caption.ifPresent(c -> {
                Tag cap = parent.add("Caption");
                List<Line> lines = ts.set(c, CAPTION, w);
                float h = lineHeight(CAPTION);
                us.add(new Unit(4, h * lines.size(), false, null, (top, out) -> {
                    float y = top;
                    for (Line line : lines) {
                        placeLine(line, CAPTION, x + (w - line.width()) / 2, y - baselineOffset(CAPTION), cap, out);
                        y -= h;
                    }
                }));
            });
            return us;
        }

        /** Orphan and widow control: the first two and the last two lines of a paragraph stay together. */
        private List<Unit> paragraph(List<Unit> lines) {
            List<Unit> us = new ArrayList<>(lines);
            if (us.size() >= 2) {
                us.set(0, us.get(0).keep(true));
                us.set(us.size() - 2, us.get(us.size() - 2).keep(true));
            }
            return us;
        }

        private List<Unit> lines(Text text, TextStyle st, float x, float w, float spaceBefore, Tag tag, boolean keepAll) {
            return lines(text, st, x, w, spaceBefore, tag, keepAll, Align.START);
        }

        private List<Unit> lines(Text text, TextStyle st, float x, float w, float spaceBefore, Tag tag, boolean keepAll,
                                 Align how) {
            List<Unit> us = new ArrayList<>();
            if (tag != null && text.parts().stream().anyMatch(p -> p instanceof org.handout.doc.Inline.Link)) {
                tag.mixed();
            }
            List<Line> lines = keepAll ? ts.setBalanced(text, st, w) : ts.set(text, st, w, how);
            float h = lineHeight(st, lines);
            for (int i = 0; i < lines.size(); i++) {
                Line line = lines.get(i);
                us.add(new Unit(i == 0 ? spaceBefore : 0, h, keepAll, null,
                        (top, out) -> drawLine(line, st, x, w, top, tag, out)));
            }
            return us;
        }

        /**
         * A list item's label and text; {@code nested}: blocks follow under it, so its text is a
         * paragraph of its own inside the item's body (a structure element holds either content or
         * other elements, and the nested list is one).
         */
        private Unit bullet(String labelText, Text item, TextStyle st, float x, float w, float indent, Tag li, boolean numbered,
                            boolean nested) {
            Tag label = li.add("Lbl");
            Tag itemBody = li.add("LBody");
            Tag body = nested ? itemBody.add("P") : itemBody;
            List<Line> lines = ts.set(item, st, w - indent, align);
            Line dot = ts.set(Text.plain(labelText), st, indent).get(0);
            float textX = rtl ? x : x + indent;
            float h = lineHeight(st, lines);
            // a number ends where the text begins; a bullet stands a little in from the margin
            float labelX = numbered ? (rtl ? x + w - indent + 4 : x + indent - 4 - dot.width())
                    : (rtl ? x + w - 4 - dot.width() : x + 4);
            return new Unit(0, h * lines.size(), false, null, (top, out) -> {
                // the label first, so it reads before the item, not inside it
                placeLine(dot, st, labelX, top - baselineOffset(st), label, out);
                float y = top;
                for (Line line : lines) {
                    drawLine(line, st, textX, w - indent, y, body, out);
                    y -= h;
                }
            });
        }

        private Unit callout(Block.Callout c, float x, float w, Tag parent) {
            // the call-the-doctor box is an aside (role-mapped to Div for PDF 1.7 readers)
            Tag aside = parent.add("Aside");
            float pad = 10;
            float bar = 3.5f;
            float innerX = rtl ? x + pad : x + bar + pad;
            float innerW = w - 2 * pad - bar;
            TextStyle titleStyle = switch (c.type()) {
                case DOCTOR -> CALLOUT_HEADING;
                case WARNING -> new TextStyle(CALLOUT_HEADING.size(), true, WARNING);
                case NOTE -> new TextStyle(CALLOUT_HEADING.size(), true, ACCENT);
            };
            List<Unit> inner = new ArrayList<>(lines(c.title(), titleStyle, innerX, innerW, 0,
                    aside.heading("H3", c.title().plainText()), true));
            for (Block b : c.body()) {
                inner.addAll(units(b, innerX, innerW, aside));
            }
            float h = stackHeight(inner) + 2 * pad;
            int fill = switch (c.type()) {
                case DOCTOR -> CALLOUT_FILL;
                case WARNING -> 0xFBE9E9;
                case NOTE -> 0xE8F1F8;
            };
            int accent = switch (c.type()) {
                case DOCTOR -> CALLOUT_ACCENT;
                case WARNING -> WARNING;
                case NOTE -> ACCENT;
            };
            return new Unit(10, h, false, null, (top, out) -> {
                out.add(new Item.Rect(x, top - h, w, h, fill, -1, 0));
                out.add(new Item.Rect(rtl ? x + w - bar : x, top - h, bar, h, accent, -1, 0));
                drawStack(inner, top - pad, out);
            });
        }

        private List<Unit> table(Block.Table t, float x, float w, Tag parent) {
            float[] widths = columnWidths(t, w);
            Tag table = parent.add("Table");
            List<List<Block>> head = t.columns().stream().map(c -> List.<Block>of(new Block.Paragraph(c.header()))).toList();
            Unit header = row(head, x, widths, true, false, table.add("TR")).withSpace(8).keep(true);
            List<Unit> us = new ArrayList<>();
            us.add(header);
            for (List<List<Block>> r : t.rows()) {
                us.add(row(r, x, widths, false, t.rowHeaders(), table.add("TR")).withHeader(header.withSpace(0)));
            }
            return us;
        }

        /**
         * Column widths in logical order: each column's share of the table by its weight, widened
         * where its longest word would not fit (see {@link Layouter#columnWidths(float[], float[], float)}).
         */
        private float[] columnWidths(Block.Table t, float w) {
            int n = t.columns().size();
            float total = 0;
            for (Block.Column c : t.columns()) {
                total += c.weight();
            }
            float[] preferred = new float[n];
            float[] need = new float[n];
            for (int i = 0; i < n; i++) {
                preferred[i] = w * t.columns().get(i).weight() / total;
                need[i] = ts.minContentWidth(t.columns().get(i).header(), CELL) + 2 * CELL_PAD + 1;
                for (List<List<Block>> r : t.rows()) {
                    for (Text x : Block.walk(r.get(i))) {
                        // a list item's text stands after its bullet
                        float indent = r.get(i).stream().anyMatch(b -> b instanceof Block.ListBlock) ? 16 : 0;
                        need[i] = Math.max(need[i], ts.minContentWidth(x, CELL) + indent + 2 * CELL_PAD + 1);
                    }
                }
            }
            return Layouter.columnWidths(preferred, need, w);
        }

        /**
         * A table row; its cells are header cells of their column in the head row, and the first
         * cell of any other row heads its row when the table has row headers.
         */
        private Unit row(List<List<Block>> cells, float x, float[] widths, boolean head, boolean rowHeaders, Tag tr) {
            int n = cells.size();
            float[] colX = new float[n];
            float cx = x;
            for (int visual = 0; visual < n; visual++) {
                int logical = rtl ? n - 1 - visual : visual;
                colX[logical] = cx;
                cx += widths[logical];
            }
            List<List<Unit>> content = new ArrayList<>();
            float h = 0;
            for (int i = 0; i < n; i++) {
                Tag cellTag = head ? tr.header("Column") : i == 0 && rowHeaders ? tr.header("Row") : tr.add("TD");
                List<Unit> cell = new ArrayList<>();
                // a cell of one paragraph holds its text; a cell of several blocks, a P for each paragraph
                boolean simple = cells.get(i).size() == 1 && cells.get(i).get(0) instanceof Block.Paragraph;
                for (Block b : cells.get(i)) {
                    float bx = colX[i] + CELL_PAD;
                    float bw = widths[i] - 2 * CELL_PAD;
                    List<Unit> part = switch (b) {
                        case Block.Paragraph p -> lines(p.text(), CELL, bx, bw, cell.isEmpty() ? 0 : 4, simple ? cellTag : cellTag.add("P"), false);
                        case Block.ListBlock l -> list(l, bx, bw, cellTag, CELL);
                        default -> units(b, bx, bw, cellTag);
                    };
                    if (cell.isEmpty() && !part.isEmpty()) {
                        part.set(0, part.get(0).withSpace(0));
                    }
                    cell.addAll(part);
                }
                content.add(cell);
                h = Math.max(h, stackHeight(cell) + 2 * CELL_PAD);
            }
            float height = h;
            return new Unit(0, height, false, null, (top, out) -> {
                for (int i = 0; i < n; i++) {
                    out.add(new Item.Rect(colX[i], top - height, widths[i], height, head ? TABLE_HEAD : -1, RULE, 0.6f));
                    drawStack(content.get(i), top - CELL_PAD, out);
                }
            });
        }

        /** A contact card's content, set in a box at {@code x} of width {@code w}. */
        private List<Unit> cardContent(Block.Card c, float x, float w, Tag card) {
            float innerX = x + CARD_PAD;
            float innerW = w - 2 * CARD_PAD;
            List<Unit> inner = new ArrayList<>(lines(c.name(), CARD_NAME, innerX, innerW, 0, card.heading("H3", c.name().plainText()), false));
            inner.addAll(lines(c.about(), CARD_TEXT, innerX, innerW, 1, card.add("P"), false));
            for (int i = 0; i < c.lines().size(); i++) {
                inner.addAll(lines(c.lines().get(i), CARD_TEXT, innerX, innerW, i == 0 ? 4 : 0, card.add("P"), false));
            }
            for (int i = 0; i < c.phones().size(); i++) {
                inner.addAll(lines(c.phones().get(i), CARD_TEXT, innerX, innerW, i == 0 ? 4 : 0, card.add("P"), false));
            }
            return inner;
        }

        /**
         * Contact cards two by two, each pair one unit of the height of the taller card; the first
         * card of a pair stands at the start side (right in right-to-left leaflets).
         */
        private List<Unit> cards(List<Block.Card> cards, float x, float w, Tag parent) {
            List<Unit> us = new ArrayList<>();
            float half = (w - CARD_GAP) / 2;
            for (int i = 0; i < cards.size(); i += 2) {
                List<List<Unit>> contents = new ArrayList<>();
                List<Float> xs = new ArrayList<>();
                float h = 0;
                for (int j = i; j < Math.min(i + 2, cards.size()); j++) {
                    int col = j - i;
                    float cx = rtl ? x + w - half - col * (half + CARD_GAP) : x + col * (half + CARD_GAP);
                    List<Unit> inner = cardContent(cards.get(j), cx, half, parent.add("Div"));
                    contents.add(inner);
                    xs.add(cx);
                    h = Math.max(h, stackHeight(inner) + 2 * CARD_PAD);
                }
                float height = h;
                us.add(new Unit(i == 0 ? 10 : CARD_GAP, height, false, null, (top, out) -> {
                    for (int k = 0; k < contents.size(); k++) {
                        out.add(new Item.Rect(xs.get(k), top - height, half, height, -1, RULE, 0.8f));
                        drawStack(contents.get(k), top - CARD_PAD, out);
                    }
                }));
            }
            return us;
        }

        private List<Unit> footer() {
            List<Unit> us = new ArrayList<>();
            for (Text t : leaflet.footer().notes()) {
                us.addAll(lines(t, FOOTER, left, width, 0, null, false));
            }
            leaflet.footer().warning().ifPresent(t -> us.addAll(lines(t, FOOTER_WARNING, left, width, 1, null, false)));
            return us;
        }

        private void drawFooter(List<Unit> notes, float footerHeight, int page, int pages, List<Item> out) {
            float top = MARGIN_BOTTOM + footerHeight;
            out.add(new Item.Rect(left, top, width, 0.5f, RULE, -1, 0));
            drawStack(notes, top - 6, out);
            // the page label's lines, the last on the bottom margin, each against the end margin
            List<Line> lines = labelLines(page, pages);
            float y = MARGIN_BOTTOM + lines.size() * lineHeight(FOOTER);
            for (Line line : lines) {
                float x = rtl ? left : left + width - line.width();
                placeLine(line, FOOTER, x, y - baselineOffset(FOOTER), null, out);
                y -= lineHeight(FOOTER);
            }
        }

        private List<Line> labelLines(int page, int pages) {
            return ts.set(Text.plain(leaflet.footer().pageLabels().label(page, pages)), FOOTER, width);
        }

        /** The most lines the page label takes on any of {@code pages} pages. */
        private int labelLines(int pages) {
            int most = 1;
            for (int p = 1; p <= pages; p++) {
                most = Math.max(most, labelLines(p, pages).size());
            }
            return most;
        }

        /** A draft build's mark, in English: it is for the staff, not the family; all of it, in lines {@code w} wide. */
        private List<Line> draftMark(String mark, float w) {
            return new Typesetter(chain, ULocale.ENGLISH, false).set(Text.plain(mark), FOOTER_WARNING, w);
        }

        /** The draft mark's lines in the top margin of a page, from {@code x}, the first where a one-line mark stands. */
        private void drawDraftMark(List<Line> lines, float x, List<Item> out) {
            float baseline = paper.height() - MARGIN_TOP + 18;
            for (Line line : lines) {
                placeLine(line, FOOTER_WARNING, x, baseline, null, out);
                baseline -= lineHeight(FOOTER_WARNING);
            }
        }

        // ---- pagination ------------------------------------------------------------------

        /** Where the last unit placed by {@link #paginate} ended. */
        private float endY;

        /**
         * Places the units top to bottom, {@code spacing} times their space before (1 normally),
         * starting a page where the next unit and all it keeps with no longer fit.
         */
        private List<List<Item>> paginate(List<Unit> allUnits, float top, float bottom, float spacing) {
            List<Unit> units = new ArrayList<>();
            for (Unit u : allUnits) {
                units.add(spacing == 1 ? u : u.withSpace(u.spaceBefore() * spacing));
            }
            List<List<Item>> pages = new ArrayList<>();
            List<Item> page = new ArrayList<>();
            pages.add(page);
            float y = top;
            boolean atTop = true;
            int i = 0;
            while (i < units.size()) {
                int j = i;
                while (j < units.size() - 1 && units.get(j).keepWithNext()) {
                    j++;
                }
                float group = 0;
                for (int k = i; k <= j; k++) {
                    group += (k == i && atTop ? 0 : units.get(k).spaceBefore()) + units.get(k).height();
                }
                boolean fitsEmptyPage = group - units.get(i).spaceBefore() <= top - bottom;
                if (!atTop && y - group < bottom && fitsEmptyPage) {
                    page = new ArrayList<>();
                    pages.add(page);
                    y = top;
                    atTop = true;
                }
                for (int k = i; k <= j; k++) {
                    Unit u = units.get(k);
                    if (!atTop && y - u.spaceBefore() - u.height() < bottom) {
                        page = new ArrayList<>();
                        pages.add(page);
                        y = top;
                        atTop = true;
                    }
                    if (atTop && u.header() != null) {
                        // the repeated header is furniture: its cells were read where the table began
                        List<Item> repeated = new ArrayList<>();
                        u.header().drawer().draw(y, repeated);
                        for (Item it : repeated) {
                            page.add(it instanceof Item.Glyphs g ? g.asArtifact() : it);
                        }
                        y -= u.header().height();
                        atTop = false;
                    }
                    if (!atTop) {
                        y -= u.spaceBefore();
                    }
                    u.drawer().draw(y, page);
                    y -= u.height();
                    atTop = false;
                }
                i = j + 1;
            }
            endY = y;
            return pages;
        }

        // ---- drawing ---------------------------------------------------------------------

        private float stackHeight(List<Unit> us) {
            float h = 0;
            for (int i = 0; i < us.size(); i++) {
                h += (i == 0 ? 0 : us.get(i).spaceBefore()) + us.get(i).height();
            }
            return h;
        }

        private void drawStack(List<Unit> us, float top, List<Item> out) {
            float y = top;
            for (int i = 0; i < us.size(); i++) {
                Unit u = us.get(i);
                if (i > 0) {
                    y -= u.spaceBefore();
                }
                u.drawer().draw(y, out);
                y -= u.height();
            }
        }

        /**
         * The height of each line of a paragraph: the style's (below), or more where the ink of a
         * line would reach into the ink of the next (a Nastaliq descender over a tall keheh, a deep
         * Khmer cluster), measured on the glyphs as set, with a tenth of the size between them: as
         * TeX's \lineskip, for the whole paragraph so its lines stay evenly spaced.
         */
        private float lineHeight(TextStyle st, List<Line> lines) {
            float h = lineHeight(st);
            float[] previous = null;
            for (Line line : lines) {
                float[] ink = ink(line);
                if (previous != null && ink != null) {
                    h = Math.max(h, ink[1] - previous[0] + INK_GAP * st.size());
                }
                if (ink != null) {
                    previous = ink;
                }
            }
            return h;
        }

        /** A line's ink from its baseline, in points: {lowest, highest}, or null when it draws nothing. */
        private static float[] ink(Line line) {
            float low = Float.MAX_VALUE;
            float high = -Float.MAX_VALUE;
            for (Piece p : line.pieces()) {
                float scale = p.size() / Face.UNITS;
                for (int g = 0; g < p.glyphs().length; g++) {
                    float[] b = p.face().ink(p.glyphs()[g]);
                    if (b != null) {
                        low = Math.min(low, p.dy()[g] + b[1] * scale);
                        high = Math.max(high, p.dy()[g] + b[3] * scale);
                    }
                }
            }
            return low == Float.MAX_VALUE ? null : new float[] {low, high};
        }

        /** One height for every line of a style in this language: the leading, or more if a face needs it. */
        private float lineHeight(TextStyle st) {
            float[] m = ts.metrics(st);
            return Math.max(m[0] + m[1], LEADING * st.size());
        }

        /** From the top of a line box to its baseline, centring the faces' extent in the box. */
        private float baselineOffset(TextStyle st) {
            float[] m = ts.metrics(st);
            return (lineHeight(st) - m[0] - m[1]) / 2 + m[0];
        }

        private void drawLine(Line line, TextStyle st, float x, float w, float top, Tag tag, List<Item> out) {
            float startX = rtl ? x + w - line.width() : x;
            placeLine(line, st, startX, top - baselineOffset(st), tag, out);
        }

        /**
         * A link's underline, in its colour, as readers expect it; broken where a glyph's ink
         * crosses it (a Khmer subscript, the tail of Thai ฐ, a descender), as browsers skip ink.
         */
        private void underline(Piece p, float x, float baseline, List<Item> out) {
            float y = baseline - p.size() * 0.14f;
            float thick = Math.max(0.5f, p.size() * 0.05f);
            float pad = p.size() * 0.06f;
            float scale = p.size() / Face.UNITS;
            List<float[]> gaps = new ArrayList<>();
            for (int g = 0; g < p.glyphs().length; g++) {
                float[] b = p.face().ink(p.glyphs()[g]);
                if (b != null && baseline + p.dy()[g] + b[1] * scale < y + thick) {
                    float gx = x + p.x() + p.dx()[g];
                    gaps.add(new float[] {gx + b[0] * scale - pad, gx + b[2] * scale + pad});
                }
            }
            gaps.sort((u, v) -> Float.compare(u[0], v[0]));
            float from = x + p.x();
            float end = x + p.x() + p.advance();
            for (float[] gap : gaps) {
                if (gap[0] - from > thick) {
                    out.add(new Item.Rect(from, y, Math.min(gap[0], end) - from, thick, p.rgb(), -1, 0));
                }
                from = Math.max(from, gap[1]);
            }
            if (end - from > thick) {
                out.add(new Item.Rect(from, y, end - from, thick, p.rgb(), -1, 0));
            }
        }

        private void placeLine(Line line, TextStyle st, float x, float baseline, Tag tag, List<Item> out) {
            for (Piece p : line.pieces()) {
                out.add(new Item.Glyphs(p.face(), p.size(), p.rgb(), x + p.x(), baseline, p.glyphs(), p.dx(), p.dy(),
                        p.text(), p.lang(), p.clusters(), tag, p.link(), p.advance()));
                if (p.link() != null) {
                    underline(p, x, baseline, out);
                }
            }
        }
    }
}
