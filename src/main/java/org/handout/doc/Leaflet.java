package org.handout.doc;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A composed leaflet: final, formatted text in one language and its structure, with no knowledge
 * of fonts or PDF. This is what layout turns into pages.
 *
 * @param id          the leaflet id, e.g. {@code symptoms}
 * @param lang        the BCP 47 tag of its language, e.g. {@code ar}
 * @param rightToLeft whether the language is written right to left
 * @param title       the title, shown on the first page and as the PDF title
 * @param blocks      the body, title heading first
 * @param footer      what each page carries at its foot
 * @param revised     the revision date of the English edition
 * @param keywords    keywords for the PDF metadata
 * @param draftMark   for a draft build ({@code build --draft}), the line every page carries at its
 *                    top saying so and why; empty for a leaflet built from a complete translation
 * @param logo        a clinic's logo for the first page, with its alt text, if the edition has one
 */
public record Leaflet(String id, String lang, boolean rightToLeft, String title, List<Block> blocks, Footer footer,
                      LocalDate revised, String keywords, Optional<String> draftMark, Optional<Logo> logo) {

    /** A PNG or JPEG image, its size in pixels, and what a screen reader says for it. */
    public record Logo(byte[] bytes, int width, int height, String alt) {
    }

    public Leaflet(String id, String lang, boolean rightToLeft, String title, List<Block> blocks, Footer footer,
                   LocalDate revised, String keywords, Optional<String> draftMark) {
        this(id, lang, rightToLeft, title, blocks, footer, revised, keywords, draftMark, Optional.empty());
    }

    public Leaflet {
        blocks = List.copyOf(blocks);
    }

    /** A leaflet built from a complete translation. */
    public Leaflet(String id, String lang, boolean rightToLeft, String title, List<Block> blocks, Footer footer,
                   LocalDate revised, String keywords) {
        this(id, lang, rightToLeft, title, blocks, footer, revised, keywords, Optional.empty());
    }

    /** The same leaflet marked as a draft build on every page, its title saying so too. */
    public Leaflet asDraft(String mark) {
        return asDraft(mark, "DRAFT: ");
    }

    /** The same leaflet marked as a draft build on every page, its title starting with {@code titlePrefix}. */
    public Leaflet asDraft(String mark, String titlePrefix) {
        return new Leaflet(id, lang, rightToLeft, titlePrefix + title, blocks, footer, revised, keywords, Optional.of(mark), logo);
    }

    /**
     * Every string a reader sees, in reading order (page labels excluded), for checks that
     * compare a PDF with what was composed.
     */
    public List<String> strings() {
        List<String> out = new ArrayList<>();
        Block.walk(blocks).forEach(t -> out.add(t.plainText()));
        footer.notes().forEach(t -> out.add(t.plainText()));
        footer.warning().ifPresent(t -> out.add(t.plainText()));
        return out;
    }

    /** The model as indented text, one line per string, for golden tests and debugging. */
    public String outline() {
        StringBuilder b = new StringBuilder();
        b.append("leaflet ").append(id).append(" [").append(lang).append(rightToLeft ? ", rtl" : "").append("]\n");
        b.append("title: ").append(title).append('\n');
        draftMark.ifPresent(m -> b.append("draft mark: ").append(m).append('\n'));
        logo.ifPresent(l -> b.append("logo: ").append(l.alt()).append(" (").append(l.width()).append('x').append(l.height()).append(")\n"));
        blocks.forEach(x -> outline(x, "", b));
        footer.notes().forEach(t -> b.append("footer: ").append(t.plainText()).append('\n'));
        footer.warning().ifPresent(t -> b.append("footer warning: ").append(t.plainText()).append('\n'));
        b.append("page label: ").append(footer.pageLabels().label(1, 2)).append('\n');
        return b.toString();
    }

    private static void outline(Block block, String indent, StringBuilder b) {
        b.append(indent).append(block.kind()).append(':');
        if (block instanceof Block.ListBlock l) {
            b.append('\n');
            for (Block.Item i : l.items()) {
                b.append(indent).append("  ").append(i.label()).append(' ').append(i.text().plainText()).append('\n');
                i.blocks().forEach(c -> outline(c, indent + "    ", b));
            }
            return;
        }
        if (block instanceof Block.Table t) {
            b.append(' ').append(String.join(" | ", t.columns().stream().map(c -> c.header().plainText() + " (" + c.weight() + ")").toList())).append('\n');
            for (List<List<Block>> row : t.rows()) {
                if (row.stream().allMatch(c -> c.size() == 1 && c.get(0) instanceof Block.Paragraph)) {
                    b.append(indent).append("  row: ").append(String.join(" | ",
                            row.stream().map(c -> ((Block.Paragraph) c.get(0)).text().plainText()).toList())).append('\n');
                    continue;
                }
                b.append(indent).append("  row:\n");
                for (List<Block> cell : row) {
                    b.append(indent).append("    cell:\n");
                    cell.forEach(c -> outline(c, indent + "      ", b));
                }
            }
            return;
        }
        List<Text> texts = block.texts();
        if (texts.size() == 1 && block.children().isEmpty()) {
            b.append(' ').append(texts.get(0).plainText()).append('\n');
            return;
        }
        b.append('\n');
        texts.forEach(t -> b.append(indent).append("  ").append(t.plainText()).append('\n'));
        block.children().forEach(c -> outline(c, indent + "  ", b));
    }
}
