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
        blocks.forEach(b -> collect(b, out));
        footer.notes().forEach(t -> out.add(t.plainText()));
        footer.warning().ifPresent(t -> out.add(t.plainText()));
        return out;
    }

    private static void collect(Block block, List<String> out) {
        switch (block) {
            case Block.Heading h -> out.add(h.text().plainText());
            case Block.Paragraph p -> out.add(p.text().plainText());
            case Block.BulletList l -> l.items().forEach(t -> out.add(t.plainText()));
            case Block.Callout c -> {
                out.add(c.title().plainText());
                c.body().forEach(b -> collect(b, out));
            }
            case Block.Table t -> {
                t.header().forEach(x -> out.add(x.plainText()));
                t.rows().forEach(r -> r.forEach(x -> out.add(x.plainText())));
            }
            case Block.ContactCard c -> {
                out.add(c.name().plainText());
                out.add(c.about().plainText());
                c.address().forEach(x -> out.add(x.plainText()));
                c.phones().forEach(x -> out.add(x.plainText()));
            }
        }
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
        switch (block) {
            case Block.Heading h -> b.append(indent).append("h").append(h.level()).append(": ").append(h.text().plainText()).append('\n');
            case Block.Paragraph p -> b.append(indent).append("p: ").append(p.text().plainText()).append('\n');
            case Block.BulletList l -> l.items().forEach(t -> b.append(indent).append("- ").append(t.plainText()).append('\n'));
            case Block.Callout c -> {
                b.append(indent).append("callout: ").append(c.title().plainText()).append('\n');
                c.body().forEach(x -> outline(x, indent + "  ", b));
            }
            case Block.Table t -> {
                b.append(indent).append("table: ").append(String.join(" | ", t.header().stream().map(Text::plainText).toList())).append('\n');
                t.rows().forEach(r -> b.append(indent).append("  row: ")
                        .append(String.join(" | ", r.stream().map(Text::plainText).toList())).append('\n'));
            }
            case Block.ContactCard c -> {
                b.append(indent).append("card: ").append(c.name().plainText()).append('\n');
                b.append(indent).append("  about: ").append(c.about().plainText()).append('\n');
                c.address().forEach(x -> b.append(indent).append("  address: ").append(x.plainText()).append('\n'));
                c.phones().forEach(x -> b.append(indent).append("  phone: ").append(x.plainText()).append('\n'));
            }
        }
    }
}
